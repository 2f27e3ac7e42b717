using CsCheck;
using Grpc.Core;
using StackExchange.Redis;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Tests.Domain;
using TalentMesh.Testing;

namespace TalentMesh.Registration.Tests.Service;

/// <summary>Random and malformed requests to every RPC over a real channel: never INTERNAL/UNKNOWN, no partial write.</summary>
public sealed class MalformedRequestTests(RedisServerFixture redis)
{
    /// <summary>Garbage, near-misses and valid values mixed, so some requests get past validation.</summary>
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String,
        Gen.Char.AlphaNumeric.Array[0, 20].Select(chars => new string(chars)),
        Pick("", " ", "t-1", "t-2", "11010519491231002X", "11010519491231002Y", "E12345678", "DEU", "13800000000", "+8613800000000",
            "91350100M000100Y43", "张小明", "\u0000", "cred-0", "TM1:", "sha256:" + new string('a', 64), new string('x', 5000)));

    private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static readonly Gen<int> Number = Gen.OneOf(Gen.Int, Gen.Int[-3, 12]);

    private static readonly Gen<Google.Type.Date> Date = Gen.Select(Gen.Int[-1, 2100], Gen.Int[-1, 13], Gen.Int[-1, 32],
        (year, month, day) => new Google.Type.Date { Year = year, Month = month, Day = day });

    private static readonly Gen<Func<RegistrationHost, CallOptions, Task>> Call = Gen.OneOf(
        Gen.Select(Number, Text, Text, Text, Date, Gen.Select(Number, Text, Text, Text, (gender, phone, employer, key) => (gender, phone, employer, key)),
            (type, number, country, name, date, rest) => (Func<RegistrationHost, CallOptions, Task>)(async (h, o) => await h.Talents.RegisterTalentAsync(new RegisterTalentRequest
            {
                IdentityDocumentType = (IdentityDocumentType)type, IdentityNumber = number, IssuingCountry = country, FullName = name, BirthDate = date,
                Gender = (Gender)rest.gender, Phone = rest.phone, EmployerCreditCode = rest.employer, IdempotencyKey = rest.key,
            }, o))),
        Gen.Select(Text, Text, Text, (id, phone, etag) => (Func<RegistrationHost, CallOptions, Task>)(async (h, o) =>
            await h.Talents.UpdateContactAsync(new UpdateContactRequest { TalentId = id, Phone = phone, Etag = etag }, o))),
        Gen.Select(Text, (id) => (Func<RegistrationHost, CallOptions, Task>)(async (h, o) => await h.Talents.GetTalentAsync(new GetTalentRequest { TalentId = id }, o))),
        Gen.Select(Text, Gen.Int[0, 8], Text, Gen.Select(Text, Number, Date, (hash, size, date) => (hash, size, date)), Text,
            (id, kind, reference, evidence, key) => (Func<RegistrationHost, CallOptions, Task>)(async (h, o) =>
            {
                var request = Samples.Submission(id, Samples.AllCredentialTypes[kind].Attributes.Clone(), reference);
                request.IdempotencyKey = key;
                request.Evidence[0].ContentHash = evidence.hash;
                request.Evidence[0].SizeBytes = evidence.size;
                if (request.Attributes.KindCase == CredentialAttributes.KindOneofCase.Degree)
                    request.Attributes.Degree.GraduationDate = evidence.date;
                await h.Credentials.SubmitCredentialAsync(request, o);
            })),
        Gen.Select(Text, Text, Gen.Bool, (id, reason, fraud) => (Func<RegistrationHost, CallOptions, Task>)(async (h, o) =>
        {
            await h.Credentials.RejectCredentialAsync(new RejectCredentialRequest { CredentialId = id, Reason = reason }, o);
            await h.Credentials.RevokeCredentialAsync(new RevokeCredentialRequest { CredentialId = id, Reason = reason, Fraud = fraud }, o);
        })),
        Gen.Select(Text, (id) => (Func<RegistrationHost, CallOptions, Task>)(async (h, o) => await h.Credentials.VerifyCredentialAsync(new VerifyCredentialRequest { CredentialId = id }, o))),
        Gen.Select(Number, Text, Number, Text, (size, token, type, employer) => (Func<RegistrationHost, CallOptions, Task>)(async (h, o) =>
            await h.Credentials.ListPendingCredentialsAsync(new ListPendingCredentialsRequest { PageSize = size, PageToken = token, CredentialType = (CredentialType)type, EmployerCreditCode = employer }, o))),
        Gen.Select(Text, Number, Text, (id, size, token) => (Func<RegistrationHost, CallOptions, Task>)(async (h, o) =>
        {
            await h.Credentials.ListCredentialsAsync(new ListCredentialsRequest { TalentId = id, PageSize = size, PageToken = token }, o);
            await h.Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { TalentId = id, PageSize = size, PageToken = token }, o);
        })),
        Gen.Select(Text, Text, (id, key) => (Func<RegistrationHost, CallOptions, Task>)(async (h, o) =>
        {
            await h.Codes.IssueTalentCodeAsync(new IssueTalentCodeRequest { TalentId = id, IdempotencyKey = key }, o);
            await h.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = id }, o);
        })),
        Gen.Select(Text, Text, Text, (id, serial, reason) => (Func<RegistrationHost, CallOptions, Task>)(async (h, o) =>
            await h.Codes.RevokeTalentCodeAsync(new RevokeTalentCodeRequest { TalentId = id, CodeSerial = serial, Reason = reason }, o))),
        Gen.Select(Text, (payload) => (Func<RegistrationHost, CallOptions, Task>)(async (h, o) =>
            await h.Codes.VerifyTalentCodeAsync(new VerifyTalentCodeRequest { QrPayload = payload }, o))),
        Gen.Select(Number, Text, (size, token) => (Func<RegistrationHost, CallOptions, Task>)(async (h, o) =>
            await h.Codes.ListPublicKeysAsync(new ListPublicKeysRequest { PageSize = size, PageToken = token }, o))));

    [Fact]
    public async Task EveryRpc_RandomRequests_NeverInternalAndNoPartialWrite()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix(), settings =>
        {
            settings["Registration:RateLimits:RegistrationsPerMinute"] = "100000";
            settings["Registration:RateLimits:VerificationsPerMinute"] = "100000";
        });
        await host.RegisterAsync("t-1");
        var roles = Pick("applicant", "hr", "admin", "scanner");
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Gen.Select(Call, roles, Pick("t-1", "t-2")).SampleAsync(async sample =>
        {
            var (call, role, subject) = sample;
            try
            {
                await call(host, host.As(role, subject));
            }
            catch (RpcException failure) when (failure.StatusCode is not (StatusCode.Internal or StatusCode.Unknown))
            {
            }
            catch (RpcException failure)
            {
                failures.Add(failure.Status.ToString());
            }
        }, iter: 400, threads: 1);

        Assert.Empty(failures);
        // Every talent that exists was written whole: its identity claim and its audit trail exist alongside it.
        var keys = await host.KeysAsync();
        var talents = keys.Where(k => k.StartsWith(host.Prefix + "talent:", StringComparison.Ordinal)).ToList();
        Assert.Equal(talents.Count, keys.Count(k => k.StartsWith(host.Prefix + "talent-identity:", StringComparison.Ordinal)));
        var database = host.Host.Redis.GetDatabase();
        foreach (var talent in talents)
            Assert.True(await database.KeyExistsAsync(host.Prefix + "audit:" + talent[(host.Prefix.Length + "talent:".Length)..]));
        foreach (var credential in keys.Where(k => k.StartsWith(host.Prefix + "credential:", StringComparison.Ordinal)))
        {
            var stored = Credential.Parser.ParseFrom((byte[])(await database.HashGetAsync(credential, "d"))!);
            Assert.NotNull(await database.SortedSetScoreAsync(host.Prefix + "talent-credentials:" + stored.TalentId, stored.CredentialId));
        }
    }
}
