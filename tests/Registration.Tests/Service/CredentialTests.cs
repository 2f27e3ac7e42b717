using Grpc.Core;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Testing;

namespace TalentMesh.Registration.Tests.Service;

public sealed class CredentialTests(RedisServerFixture redis)
{
    [Fact]
    public async Task SubmitCredential_EveryType_SubmittedAndPublished()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");

        for (var i = 0; i < Domain.Samples.AllCredentialTypes.Count; i++)
            Assert.Equal(CredentialStatus.Submitted, (await host.SubmitAsync("t-1", i)).Status);

        var listed = await host.Credentials.ListCredentialsAsync(new ListCredentialsRequest { TalentId = "t-1", PageSize = 100 }, host.Applicant("t-1"));
        Assert.Equal(9, listed.Credentials.Select(c => c.CredentialType).Distinct().Count());
        await Eventually.TrueAsync(async () => (await host.Topics.ReadAsync<CredentialSubmitted>()).Count == 9, TimeSpan.FromSeconds(10), "nine credential.submitted");
    }

    [Fact]
    public async Task DecideCredential_TwoReviewersRace200Times_ExactlyOneWinnerEachTime()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");
        for (var round = 0; round < 200; round++)
        {
            var credential = await host.SubmitAsync("t-1", round % 9);
            var verify = Outcome(async () => await host.Credentials.VerifyCredentialAsync(new VerifyCredentialRequest { CredentialId = credential.CredentialId }, host.Hr("hr-a")));
            var reject = Outcome(async () => await host.Credentials.RejectCredentialAsync(new RejectCredentialRequest { CredentialId = credential.CredentialId, Reason = "scan unreadable" }, host.Hr("hr-b")));
            var outcomes = await Task.WhenAll(verify, reject);

            Assert.Equal(1, outcomes.Count(status => status == StatusCode.OK));
            Assert.Equal(1, outcomes.Count(status => status == StatusCode.FailedPrecondition));
        }
        await Eventually.TrueAsync(async () =>
            (await host.Topics.ReadAsync<CredentialVerified>()).Count + (await host.Topics.ReadAsync<CredentialRejected>()).Count == 200,
            TimeSpan.FromSeconds(20), "one decision event per credential");
    }

    [Fact]
    public async Task VerifyCredential_RepeatedBySameReviewer_ReturnsCurrentOtherDecisionRefused()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");
        var credential = await host.SubmitAsync("t-1");
        var request = new VerifyCredentialRequest { CredentialId = credential.CredentialId };

        var first = await host.Credentials.VerifyCredentialAsync(request, host.Hr());
        var repeat = await host.Credentials.VerifyCredentialAsync(request, host.Hr());

        Assert.Equal(first, repeat);
        Assert.Equal("hr-1", first.ReviewedBy);
        await Statuses.FailsWith(StatusCode.FailedPrecondition, async () =>
            await host.Credentials.RejectCredentialAsync(new RejectCredentialRequest { CredentialId = credential.CredentialId, Reason = "late" }, host.Hr()));
        var revoked = await host.Credentials.RevokeCredentialAsync(new RevokeCredentialRequest { CredentialId = credential.CredentialId, Reason = "forged", Fraud = true }, host.Admin);
        Assert.True(revoked.Fraud);
        Assert.Equal(CredentialStatus.Revoked, revoked.Status);
        await Eventually.TrueAsync(async () => (await host.Topics.ReadAsync<CredentialRevoked>()).Count == 1, TimeSpan.FromSeconds(10), "credential.revoked");
        var (_, verified) = Assert.Single(await host.Topics.ReadAsync<CredentialVerified>());
        Assert.Equal(EducationLevel.Master, verified.Attributes.Degree.Level);
    }

    [Fact]
    public async Task RejectCredential_NoReason_InvalidArgumentNothingChanged()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");
        var credential = await host.SubmitAsync("t-1");

        var failure = await Statuses.FailsWith(StatusCode.InvalidArgument, async () =>
            await host.Credentials.RejectCredentialAsync(new RejectCredentialRequest { CredentialId = credential.CredentialId }, host.Hr()));

        Assert.Equal(["reason"], Statuses.Fields(failure));
        Assert.Equal(CredentialStatus.Submitted, (await host.Credentials.GetCredentialAsync(new GetCredentialRequest { CredentialId = credential.CredentialId }, host.Hr())).Status);
    }

    [Fact]
    public async Task ListPendingCredentials_PagedOldestFirstFiltered()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");
        var submitted = new List<Credential>();
        for (var i = 0; i < 5; i++)
        {
            submitted.Add(await host.SubmitAsync("t-1", i % 2));
            host.Host.Time.Advance(TimeSpan.FromSeconds(1));
        }
        await host.Credentials.VerifyCredentialAsync(new VerifyCredentialRequest { CredentialId = submitted[0].CredentialId }, host.Hr());

        var ids = new List<string>();
        var token = "";
        do
        {
            var page = await host.Credentials.ListPendingCredentialsAsync(new ListPendingCredentialsRequest { PageSize = 2, PageToken = token }, host.Hr());
            Assert.Equal(4, page.TotalPending);
            ids.AddRange(page.Credentials.Select(c => c.CredentialId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(submitted.Skip(1).Select(c => c.CredentialId), ids);
        var degrees = await host.Credentials.ListPendingCredentialsAsync(new ListPendingCredentialsRequest { CredentialType = CredentialType.Degree }, host.Hr());
        Assert.Equal([submitted[2].CredentialId, submitted[4].CredentialId], degrees.Credentials.Select(c => c.CredentialId));
        var byEmployer = await host.Credentials.ListPendingCredentialsAsync(new ListPendingCredentialsRequest { EmployerCreditCode = "91110000802100433B" }, host.Hr());
        Assert.Empty(byEmployer.Credentials);
        var failure = await Statuses.FailsWith(StatusCode.InvalidArgument, async () =>
            await host.Credentials.ListPendingCredentialsAsync(new ListPendingCredentialsRequest { PageToken = "bogus" }, host.Hr()));
        Assert.Equal(["page_token"], Statuses.Fields(failure));
    }

    [Fact]
    public async Task ListAuditEntries_DecisionsRecordedWithoutPlainNumbers()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");
        var credential = await host.SubmitAsync("t-1");
        await host.Credentials.RejectCredentialAsync(new RejectCredentialRequest { CredentialId = credential.CredentialId, Reason = "blurred" }, host.Hr());
        await host.Talents.UpdateContactAsync(new UpdateContactRequest { TalentId = "t-1", Phone = "13911112222" }, host.Applicant("t-1"));

        var trail = await host.Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { TalentId = "t-1" }, host.Admin);

        Assert.Equal(["talent.registered", "credential.submitted", "credential.rejected", "contact.updated"], trail.Entries.Select(e => e.Action));
        Assert.Equal("hr-1", trail.Entries[2].Actor);
        Assert.Equal("138****0000", trail.Entries[3].Before["phone"]);
        Assert.DoesNotContain("13911112222", trail.ToString());
        Assert.DoesNotContain("11010519491231002X", trail.ToString());
        await Statuses.FailsWith(StatusCode.PermissionDenied, async () => await host.Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { TalentId = "t-1" }, host.Applicant("t-1")));
    }

    private static async Task<StatusCode> Outcome(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException failure)
        {
            return failure.StatusCode;
        }
    }
}
