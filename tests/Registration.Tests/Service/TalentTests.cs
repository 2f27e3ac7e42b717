using Grpc.Core;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Tests.Domain;
using TalentMesh.Testing;

namespace TalentMesh.Registration.Tests.Service;

public sealed class TalentTests(RedisServerFixture redis)
{
    [Fact]
    public async Task RegisterTalent_Valid_StoredMaskedAndPublishedWithoutNumbers()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());

        var talent = await host.RegisterAsync("t-1");

        Assert.Equal("110105********002X", talent.IdentityNumberMasked);
        Assert.Equal("138****0000", talent.PhoneMasked);
        Assert.Equal(TalentStatus.Active, talent.Status);
        Assert.Equal(talent, await host.Talents.GetMyTalentAsync(new GetMyTalentRequest(), host.Applicant("t-1")));
        await Eventually.TrueAsync(async () => (await host.Topics.ReadAsync<TalentRegistered>()).Count == 1, TimeSpan.FromSeconds(10), "talent.registered is published");
        var (_, registered) = Assert.Single(await host.Topics.ReadAsync<TalentRegistered>());
        Assert.Equal(IdentityDocumentType.ResidentId, registered.IdentityDocumentType);
        Assert.Equal(1949, registered.BirthDate.Year);
        Assert.DoesNotContain("1231002", registered.ToString());
    }

    [Fact]
    public async Task RegisterTalent_SameIdempotencyKey_SameResultOneEvent()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        var request = Samples.Registration();

        var first = await host.Talents.RegisterTalentAsync(request, host.Applicant("t-1"));
        var retry = await host.Talents.RegisterTalentAsync(request, host.Applicant("t-1"));

        Assert.Equal(first, retry);
        var changed = request.Clone();
        changed.Phone = "13900000000";
        await Statuses.FailsWith(StatusCode.AlreadyExists, async () => await host.Talents.RegisterTalentAsync(changed, host.Applicant("t-1")));
        await Eventually.TrueAsync(async () => (await host.Topics.ReadAsync<TalentRegistered>()).Count >= 1, TimeSpan.FromSeconds(10), "published");
        Assert.Single(await host.Topics.ReadAsync<TalentRegistered>());
    }

    [Fact]
    public async Task RegisterTalent_IdentityNumberTaken_AlreadyExists()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");

        await Statuses.FailsWith(StatusCode.AlreadyExists, () => host.RegisterAsync("t-2", phone: "13900000000"));
        await Statuses.FailsWith(StatusCode.NotFound, async () => await host.Talents.GetMyTalentAsync(new GetMyTalentRequest(), host.Applicant("t-2")));
    }

    [Fact]
    public async Task RegisterTalent_EveryDocumentType_ValidAcceptedOneChangedCharacterRejected()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        var cases = Samples.IdentityNumbers
            .Append((IdentityDocumentType.Passport, "E12345678", "1990-05-01", Gender.Male)).ToList();
        var n = 0;
        foreach (var (type, number, birth, gender) in cases)
        {
            var request = Samples.Registration(number);
            request.IdentityDocumentType = type;
            var date = DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture);
            request.BirthDate = new Google.Type.Date { Year = date.Year, Month = date.Month, Day = date.Day };
            request.Gender = gender;
            request.IssuingCountry = type == IdentityDocumentType.Passport ? "DEU" : "";
            // Change one digit (the second-to-last; passports have no check character, so a character outside the alphabet).
            var changed = request.Clone();
            var position = number.Length - 2;
            changed.IdentityNumber = type == IdentityDocumentType.Passport
                ? number[..position] + "*" + number[^1..]
                : number[..position] + (char)('0' + (number[position] - '0' + 1) % 10) + number[^1..];
            var failure = await Statuses.FailsWith(StatusCode.InvalidArgument, async () => await host.Talents.RegisterTalentAsync(changed, host.Applicant($"bad-{n}")));
            Assert.Equal(["identity_number"], Statuses.Fields(failure));

            var talent = await host.Talents.RegisterTalentAsync(request, host.Applicant($"t-{n++}"));
            Assert.Equal(type, talent.IdentityDocumentType);
        }
    }

    [Fact]
    public async Task RegisterTalent_Invalid_NamesFieldsStoresNothingPublishesNothing()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        var request = Samples.Registration();
        request.Gender = Gender.Male;
        request.Phone = "555";

        var keysBefore = await host.KeysAsync();

        var failure = await Statuses.FailsWith(StatusCode.InvalidArgument, async () => await host.Talents.RegisterTalentAsync(request, host.Applicant("t-1")));

        Assert.Equal(["gender", "phone"], Statuses.Fields(failure));
        Assert.Equal(keysBefore.Order(), (await host.KeysAsync()).Order());
        Assert.Empty(await host.Topics.ReadAsync<TalentRegistered>());
    }

    [Fact]
    public async Task UpdateContact_StaleEtag_RefusedNewerChangeKept()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        var registered = await host.RegisterAsync("t-1");

        var updated = await host.Talents.UpdateContactAsync(new UpdateContactRequest { TalentId = "t-1", Phone = "13911112222", Etag = registered.Etag }, host.Applicant("t-1"));
        await Statuses.FailsWith(StatusCode.FailedPrecondition, async () =>
            await host.Talents.UpdateContactAsync(new UpdateContactRequest { TalentId = "t-1", Phone = "13933334444", Etag = registered.Etag }, host.Applicant("t-1")));

        Assert.Equal("139****2222", updated.PhoneMasked);
        Assert.Equal("139****2222", (await host.Talents.GetTalentAsync(new GetTalentRequest { TalentId = "t-1" }, host.Hr())).PhoneMasked);
        Assert.NotEqual(registered.Etag, updated.Etag);
    }

    [Fact]
    public async Task GetTalent_AnotherApplicantsTalent_NotFound()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");

        await Statuses.FailsWith(StatusCode.NotFound, async () => await host.Talents.GetTalentAsync(new GetTalentRequest { TalentId = "t-1" }, host.Applicant("t-2")));
        await Statuses.FailsWith(StatusCode.NotFound, async () =>
            await host.Talents.UpdateContactAsync(new UpdateContactRequest { TalentId = "t-1", Phone = "13911112222" }, host.Applicant("t-2")));
        await Statuses.FailsWith(StatusCode.NotFound, async () => await host.Credentials.ListCredentialsAsync(new ListCredentialsRequest { TalentId = "t-1" }, host.Applicant("t-2")));
    }

    [Fact]
    public async Task RegisterTalent_OverRateLimit_ResourceExhausted()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix(), settings => settings["Registration:RateLimits:RegistrationsPerMinute"] = "2");
        var request = Samples.Registration();

        await host.Talents.RegisterTalentAsync(request, host.Applicant("t-1"));
        await host.Talents.RegisterTalentAsync(request, host.Applicant("t-1"));
        await Statuses.FailsWith(StatusCode.ResourceExhausted, async () => await host.Talents.RegisterTalentAsync(request, host.Applicant("t-1")));
        // Per subject: another applicant is not affected.
        await host.RegisterAsync("t-2", "34052419800101001X", "13900000000");
    }

    [Fact]
    public async Task RegisterTalent_OversizedRequest_ResourceExhausted()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        var request = Samples.Registration();
        request.FullName = new string('a', 200_000);

        await Statuses.FailsWith(StatusCode.ResourceExhausted, async () => await host.Talents.RegisterTalentAsync(request, host.Applicant("t-1")));
    }
}
