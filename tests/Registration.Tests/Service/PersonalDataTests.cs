using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Pii;
using TalentMesh.Registration.Tests.Domain;
using TalentMesh.Testing;

namespace TalentMesh.Registration.Tests.Service;

public sealed class PersonalDataTests(RedisServerFixture redis)
{
    private const string IdentityNumber = "34052419800101001X";
    private const string Phone = "13912345678";
    private const string NewPhone = "13787654321";

    [Fact]
    public async Task FullRun_LogsSpansEventsAndStoredData_NeverHoldANumber()
    {
        var captured = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => captured.Enqueue(string.Join(" ", activity.DisplayName,
                string.Join(",", activity.TagObjects.Select(t => $"{t.Key}={t.Value}")),
                string.Join(",", activity.Events.Select(e => e.Name + string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}")))),
                string.Join(",", activity.Baggage.Select(b => $"{b.Key}={b.Value}")))),
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix(),
            settings => settings["Logging:LogLevel:Default"] = "Trace",
            services => services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(captured)));

        var registration = Samples.Registration(IdentityNumber, "+86" + Phone);
        registration.BirthDate = new Google.Type.Date { Year = 1980, Month = 1, Day = 1 };
        registration.Gender = Gender.Male;
        await host.Talents.RegisterTalentAsync(registration, host.Applicant("t-1"));
        var credential = await host.SubmitAsync("t-1");
        await host.Credentials.VerifyCredentialAsync(new VerifyCredentialRequest { CredentialId = credential.CredentialId }, host.Hr());
        await TalentCodeTests.EvaluatedAsync(host, "t-1", 1, Tier.D, host.Host.Time.GetUtcNow().AddYears(3));
        var code = await host.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = "t-1" }, host.Applicant("t-1"));
        Assert.True((await host.Codes.VerifyTalentCodeAsync(new VerifyTalentCodeRequest { QrPayload = code.QrPayload }, host.Scanner)).Valid);
        await host.Talents.UpdateContactAsync(new UpdateContactRequest { TalentId = "t-1", Phone = NewPhone }, host.Applicant("t-1"));
        await Statuses.FailsWith(Grpc.Core.StatusCode.AlreadyExists, () => host.RegisterAsync("t-2", IdentityNumber, Phone));
        await Statuses.FailsWith(Grpc.Core.StatusCode.InvalidArgument, () => host.RegisterAsync("t-3", IdentityNumber[..17] + "0", Phone));
        await host.Codes.RevokeTalentCodeAsync(new RevokeTalentCodeRequest { TalentId = "t-1" }, host.Applicant("t-1"));
        await Eventually.TrueAsync(async () => (await host.Topics.ReadAsync<TalentMesh.Contracts.Events.V1.TalentCodeRevoked>()).Count == 1, TimeSpan.FromSeconds(10), "the last event was published");

        var stored = await StoredTextAsync(host);
        Assert.NotEmpty(captured);
        Assert.NotEmpty(stored);
        foreach (var form in Forms())
        {
            Assert.DoesNotContain(captured, line => line.Contains(form, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(stored, value => value.Contains(form, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task PiiKeyRotation_OldRecordsReadableNewWritesUseNewKey()
    {
        var prefix = TestKeys.Prefix();
        var key1 = TestKeyMaterial.AesKey();
        var key2 = TestKeyMaterial.AesKey();
        await using (var before = await RegistrationHost.StartAsync(redis, prefix, s => PiiKeys(s, "k1", ("k1", key1))))
            await before.RegisterAsync("t-1", IdentityNumber, Phone);

        await using var after = await RegistrationHost.StartAsync(redis, prefix, s => PiiKeys(s, "k2", ("k1", key1), ("k2", key2)));
        await after.Talents.UpdateContactAsync(new UpdateContactRequest { TalentId = "t-1", Phone = NewPhone }, after.Applicant("t-1"));

        var fields = await after.Host.Redis.GetDatabase().HashGetAsync(prefix + "talent:t-1", ["idn", "ph"]);
        var protector = after.Host.Services.GetRequiredService<PiiProtector>();
        Assert.Equal("k1", PiiProtector.KeyIdOf(fields[0]!));
        Assert.Equal(IdentityNumber, protector.Unprotect(fields[0]!, "talent/t-1/identity_number"));
        Assert.Equal("k2", PiiProtector.KeyIdOf(fields[1]!));
        Assert.Equal(NewPhone, protector.Unprotect(fields[1]!, "talent/t-1/phone"));
        // The blind index did not change with the rotation: the number stays registered once.
        await Statuses.FailsWith(Grpc.Core.StatusCode.AlreadyExists, () => after.RegisterAsync("t-2", IdentityNumber, Phone));
    }

    private static void PiiKeys(Dictionary<string, string?> settings, string active, params (string Id, string Key)[] keys)
    {
        settings["Registration:Pii:ActiveKeyId"] = active;
        foreach (var (id, key) in keys)
            settings[$"Registration:Pii:Keys:{id}"] = key;
    }

    /// <summary>The numbers as written, upper and lower case, without check character, in E.164, base64 and hex.</summary>
    private static IEnumerable<string> Forms()
    {
        foreach (var value in new[] { IdentityNumber, Phone, NewPhone })
        {
            yield return value;
            yield return value[..^1];
            yield return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value));
            yield return Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(value));
        }
        yield return "+86" + Phone;
    }

    /// <summary>Every value the service stored: strings, hashes and streams (topics, audit) under the test's prefix.</summary>
    private static async Task<List<string>> StoredTextAsync(RegistrationHost host)
    {
        var database = host.Host.Redis.GetDatabase();
        var values = new List<string>();
        foreach (var key in await host.KeysAsync())
        {
            switch (await database.KeyTypeAsync(key))
            {
                case RedisType.String:
                    values.Add(Text(await database.StringGetAsync(key)));
                    break;
                case RedisType.Hash:
                    values.AddRange((await database.HashGetAllAsync(key)).Select(e => Text(e.Value)));
                    break;
                case RedisType.Stream:
                    values.AddRange((await database.StreamRangeAsync(key)).SelectMany(e => e.Values).Select(v => Text(v.Value)));
                    break;
                case RedisType.SortedSet:
                    values.AddRange((await database.SortedSetRangeByRankAsync(key)).Select(Text));
                    break;
            }
        }
        return values;
    }

    /// <summary>Binary values (protobuf) are searched as Latin-1 so embedded ASCII digits still show.</summary>
    private static string Text(RedisValue value) => System.Text.Encoding.Latin1.GetString((byte[])value!);

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue(category + " scope " + state);
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(",", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category} {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
