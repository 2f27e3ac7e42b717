using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Tests.Domain;
using TalentMesh.Testing;

namespace TalentMesh.Registration.Tests.Service;

public sealed class TalentCodeTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Publishes a talent.evaluated as Evaluation would, and waits until Registration recorded it.</summary>
    internal static async Task EvaluatedAsync(RegistrationHost host, string talentId, long sequence, Tier tier, DateTimeOffset? validUntil, bool vetoed = false)
    {
        var evaluated = new TalentEvaluated
        {
            TalentId = talentId,
            EvaluationSequence = sequence,
            Tier = tier,
            Vetoed = vetoed,
            CertificationValidUntil = validUntil is { } until ? Timestamp.FromDateTimeOffset(until) : null,
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        };
        await host.Topics.PublishAsync(evaluated, "evaluation");
        await Eventually.TrueAsync(async () =>
            (await host.Host.Redis.GetDatabase().HashGetAsync(host.Prefix + "tier:" + talentId, "seq")) is { IsNull: false } seq && (long)seq >= sequence,
            Wait, $"talent.evaluated #{sequence} is handled");
    }

    private static async Task<VerifyTalentCodeResponse> VerifyAsync(RegistrationHost host, string payload) =>
        await host.Codes.VerifyTalentCodeAsync(new VerifyTalentCodeRequest { QrPayload = payload }, host.Scanner);

    [Fact]
    public async Task Scenario_RegisterReviewEvaluateVerifyRevokeDowngrade_CodeStopsVerifying()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");
        var degree = await host.SubmitAsync("t-1", 0);
        var patent = await host.SubmitAsync("t-1", 3);
        var award = await host.SubmitAsync("t-1", 4);
        await host.Credentials.VerifyCredentialAsync(new VerifyCredentialRequest { CredentialId = degree.CredentialId }, host.Hr());
        await host.Credentials.VerifyCredentialAsync(new VerifyCredentialRequest { CredentialId = patent.CredentialId }, host.Hr());
        await host.Credentials.RejectCredentialAsync(new RejectCredentialRequest { CredentialId = award.CredentialId, Reason = "not the applicant's award" }, host.Hr());

        var until = host.Host.Time.GetUtcNow().AddYears(3);
        await EvaluatedAsync(host, "t-1", 1, Tier.D, until);

        var talent = await host.Talents.GetMyTalentAsync(new GetMyTalentRequest(), host.Applicant("t-1"));
        Assert.Equal(Tier.D, talent.Tier);
        var code = await host.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = "t-1" }, host.Applicant("t-1"));
        Assert.StartsWith("<svg", code.QrSvg.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, code.QrPng.Take(4));
        var verified = await VerifyAsync(host, code.QrPayload);
        Assert.True(verified.Valid);
        Assert.Equal(Tier.D, verified.Tier);
        Assert.Equal("张*明", verified.FullNameMasked);
        await Eventually.TrueAsync(async () => (await host.Topics.ReadAsync<TalentCodeIssued>()).Count == 1, Wait, "talent-code.issued");

        await host.Credentials.RevokeCredentialAsync(new RevokeCredentialRequest { CredentialId = patent.CredentialId, Reason = "patent belongs to another inventor", Fraud = true }, host.Hr());
        await EvaluatedAsync(host, "t-1", 2, Tier.None, null);

        var after = await VerifyAsync(host, code.QrPayload);
        Assert.False(after.Valid);
        Assert.Equal(VerificationResult.Revoked, after.Result);
        await Statuses.FailsWith(StatusCode.FailedPrecondition, async () => await host.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = "t-1" }, host.Applicant("t-1")));
        await Eventually.TrueAsync(async () => (await host.Topics.ReadAsync<TalentCodeRevoked>()).Count == 1, Wait, "talent-code.revoked");
    }

    [Fact]
    public async Task TalentEvaluated_StaleSequence_Dropped()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");
        var until = host.Host.Time.GetUtcNow().AddYears(3);
        await EvaluatedAsync(host, "t-1", 5, Tier.C, until);

        var stale = await host.Topics.PublishAsync(new TalentEvaluated { TalentId = "t-1", EvaluationSequence = 4, Tier = Tier.None }, "evaluation");
        await Eventually.TrueAsync(async () => await host.Host.Redis.GetDatabase().KeyExistsAsync(host.Prefix + "inbox:" + stale), Wait, "the stale event is handled");

        Assert.Equal(Tier.C, (await host.Talents.GetMyTalentAsync(new GetMyTalentRequest(), host.Applicant("t-1"))).Tier);
    }

    [Fact]
    public async Task TalentEvaluated_Malformed_DeadLetteredNotRecorded()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");

        await host.Topics.PublishAsync(new TalentEvaluated { TalentId = "t-1", EvaluationSequence = 0, Tier = Tier.Unspecified }, "evaluation");

        await Eventually.TrueAsync(async () => await host.Topics.DeadLetterCountAsync<TalentEvaluated>() == 1, Wait, "the malformed event is dead-lettered");
        Assert.False(await host.Host.Redis.GetDatabase().KeyExistsAsync(host.Prefix + "tier:t-1"));
    }

    [Fact]
    public async Task VerifyTalentCode_ReissuedExpiredTamperedMalformed_EachItsOwnResult()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");
        await EvaluatedAsync(host, "t-1", 1, Tier.E, host.Host.Time.GetUtcNow().AddYears(3));
        var first = await host.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = "t-1" }, host.Applicant("t-1"));

        var request = new IssueTalentCodeRequest { TalentId = "t-1", IdempotencyKey = "reissue-1" };
        var reissued = await host.Codes.IssueTalentCodeAsync(request, host.Applicant("t-1"));
        Assert.Equal(reissued.CodeSerial, (await host.Codes.IssueTalentCodeAsync(request, host.Applicant("t-1"))).CodeSerial);
        Assert.NotEqual(first.CodeSerial, reissued.CodeSerial);
        Assert.Equal(VerificationResult.Superseded, (await VerifyAsync(host, first.QrPayload)).Result);
        Assert.Equal(VerificationResult.Valid, (await VerifyAsync(host, reissued.QrPayload)).Result);

        var token = System.Buffers.Text.Base64Url.DecodeFromChars(reissued.Token);
        token[^1] ^= 0x55;
        Assert.Equal(VerificationResult.BadSignature, (await VerifyAsync(host, System.Buffers.Text.Base64Url.EncodeToString(token))).Result);
        Assert.Equal(VerificationResult.Malformed, (await VerifyAsync(host, "TM1:HELLO")).Result);

        host.Host.Time.Advance(TimeSpan.FromMinutes(6));
        var expired = await VerifyAsync(host, reissued.QrPayload);
        Assert.Equal(VerificationResult.Expired, expired.Result);

        var fresh = await host.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = "t-1" }, host.Applicant("t-1"));
        Assert.True((await VerifyAsync(host, fresh.QrPayload)).Valid);
        await host.Codes.RevokeTalentCodeAsync(new RevokeTalentCodeRequest { TalentId = "t-1", Reason = "lost phone" }, host.Applicant("t-1"));
        Assert.Equal(VerificationResult.Revoked, (await VerifyAsync(host, fresh.QrPayload)).Result);

        var list = await host.Codes.GetRevocationListAsync(new GetRevocationListRequest(), ServiceHostCall.Anonymous);
        Assert.Contains(first.CodeSerial, list.RevokedSerials);
        Assert.Contains(fresh.CodeSerial, list.RevokedSerials);
        Assert.NotEmpty(list.SignedList);
    }

    [Fact]
    public async Task RevokeTalentCode_ByItsSerial_RevokesTheCode_AnotherTalentsSerialOrAnUnknownTalentIsNotFound()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");
        await host.RegisterAsync("t-2", "34052419800101001X", "13900000000");
        var until = host.Host.Time.GetUtcNow().AddYears(3);
        await EvaluatedAsync(host, "t-1", 1, Tier.E, until);
        await EvaluatedAsync(host, "t-2", 1, Tier.E, until);
        var own = await host.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = "t-1" }, host.Applicant("t-1"));
        var others = await host.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = "t-2" }, host.Applicant("t-2"));

        var revoked = await host.Codes.RevokeTalentCodeAsync(
            new RevokeTalentCodeRequest { TalentId = "t-1", CodeSerial = own.CodeSerial, Reason = "lost phone" }, host.Applicant("t-1"));

        Assert.Equal(own.CodeSerial, revoked.CodeSerial);
        Assert.Equal(VerificationResult.Revoked, (await VerifyAsync(host, own.QrPayload)).Result);
        await Statuses.FailsWith(StatusCode.NotFound, async () => await host.Codes.RevokeTalentCodeAsync(
            new RevokeTalentCodeRequest { TalentId = "t-1", CodeSerial = others.CodeSerial }, host.Applicant("t-1")));
        Assert.Equal(VerificationResult.Valid, (await VerifyAsync(host, others.QrPayload)).Result);
        await Statuses.FailsWith(StatusCode.NotFound, async () => await host.Codes.RevokeTalentCodeAsync(
            new RevokeTalentCodeRequest { TalentId = "t-9" }, host.Applicant("t-9")));
        await Statuses.FailsWith(StatusCode.NotFound, async () => await host.Codes.IssueTalentCodeAsync(
            new IssueTalentCodeRequest { TalentId = "t-9", IdempotencyKey = "k-1" }, host.Applicant("t-9")));
        await Statuses.FailsWith(StatusCode.NotFound, async () => await host.Codes.GetTalentCodeAsync(
            new GetTalentCodeRequest { TalentId = "t-9" }, host.Applicant("t-9")));
    }

    [Fact]
    public async Task SigningKeyRotation_OldTokenStillVerifiesNewTokensUseNewKid()
    {
        var prefix = TestKeys.Prefix();
        var oldKey = TestKeyMaterial.SigningKey();
        var newKey = TestKeyMaterial.SigningKey();
        string oldPayload;
        await using (var before = await RegistrationHost.StartAsync(redis, prefix, s => Keys(s, "k1", ("k1", oldKey))))
        {
            await before.RegisterAsync("t-1");
            await EvaluatedAsync(before, "t-1", 1, Tier.D, DateTimeOffset.UtcNow.AddYears(3));
            oldPayload = (await before.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = "t-1" }, before.Applicant("t-1"))).QrPayload;
        }

        await using var after = await RegistrationHost.StartAsync(redis, prefix, s =>
        {
            Keys(s, "k2", ("k1", oldKey), ("k2", newKey));
            s["Registration:TalentCodes:SigningKeys:k1:RetiredAt"] = DateTimeOffset.UtcNow.ToString("O");
        });

        Assert.True((await VerifyAsync(after, oldPayload)).Valid);
        var fresh = await after.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = "t-1" }, after.Applicant("t-1"));
        Assert.Equal("k2", fresh.KeyId);
        var keys = await after.Codes.ListPublicKeysAsync(new ListPublicKeysRequest(), ServiceHostCall.Anonymous);
        Assert.Contains(keys.Keys, k => k.KeyId == "k1" && k.Status == PublicKeyStatus.Retired && k.NotAfter is not null);
        Assert.Contains(keys.Keys, k => k.KeyId == "k2" && k.Status == PublicKeyStatus.Active);
    }

    private static void Keys(Dictionary<string, string?> settings, string active, params (string Id, string Key)[] keys)
    {
        settings["Registration:TalentCodes:ActiveKeyId"] = active;
        foreach (var (id, key) in keys)
            settings[$"Registration:TalentCodes:SigningKeys:{id}:PrivateKey"] = key;
    }
}

/// <summary>Call options without a token (anonymous callers).</summary>
internal static class ServiceHostCall
{
    public static CallOptions Anonymous => ServiceHost<Program>.Call();
}
