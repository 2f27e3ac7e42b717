using System.Diagnostics;
using Date = Google.Type.Date;
using Grpc.Core;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Testing;

namespace TalentMesh.Load;

/// <summary>
/// One talent's way through the mesh: register → submit a national talent-program credential → HR verifies it → the
/// new tier (B, by direct recognition) is visible in Registration and the policy in the talent's eligible benefits in
/// Redemption. The talent's app learns of both as it would: Registration pushes the talent with its new tier over
/// <c>WatchMyTalent</c>, Redemption the "benefit available" over <c>WatchNotifications</c>, after which the app reads
/// its benefits. The first call is timed from the workflow's intended start (open loop: a late start counts against
/// the system, not hidden by it); the others from when they were sent, since each waits for the one before.
/// </summary>
public sealed class Workflow(LoadTarget target, Recorders recorders, LoadOptions options, string policyId, int run)
{
    public const string Register = "RegisterTalent";
    public const string Submit = "SubmitCredential";
    public const string Verify = "VerifyCredential";
    public const string Watch = "WatchNotifications + WatchMyTalent";
    public const string Notified = "verified → benefit notification pushed";
    public const string TierPushed = "verified → tier pushed (talent watch)";
    public const string Eligible = "ListEligibleBenefits (poll)";
    public const string Visible = "workflow: verified → visible in both";
    public const string Whole = "workflow: start → visible";

    private readonly TalentService.TalentServiceClient talents = new(target.Registration);
    private readonly CredentialService.CredentialServiceClient credentials = new(target.Registration);
    private readonly RedemptionService.RedemptionServiceClient redemptions = new(target.Redemption);
    private readonly NotificationService.NotificationServiceClient notifications = new(target.Redemption);

    /// <summary>A region code per run keeps the identity numbers of runs against one mesh apart.</summary>
    private static string RunRegion(int runNumber) => $"{110000 + runNumber % 10_000:000000}";

    /// <summary>Runs workflow <paramref name="index"/>; returns whether it completed. Recorded only when <paramref name="measured"/>.</summary>
    public async Task<bool> RunAsync(long index, long intendedStart, bool measured)
    {
        var talentId = $"load{run}-{index}";
        var applicant = target.ApplicantToken(talentId);
        var step = Register;
        try
        {
            var (number, birth, gender) = ResidentIdNumbers.Distinct(index, region: RunRegion(run));
            await Timed(Register, intendedStart, measured, talents.RegisterTalentAsync(new RegisterTalentRequest
            {
                IdentityDocumentType = IdentityDocumentType.ResidentId,
                IdentityNumber = number,
                FullName = "张小明",
                BirthDate = new Date { Year = birth.Year, Month = birth.Month, Day = birth.Day },
                Gender = gender,
                Phone = "13800000000",
                EmployerCreditCode = "91350100M000100Y43",
                IdempotencyKey = $"{talentId}-register",
            }, Call(applicant)));

            step = Submit;
            var submission = new SubmitCredentialRequest
            {
                TalentId = talentId,
                Attributes = new CredentialAttributes
                {
                    TalentProgram = new TalentProgramAttributes { Level = TalentProgramLevel.National, ProgramTitle = "国家级人才计划", Year = 2021 },
                },
                VerificationReference = $"TP-2021-{index % 10_000:0000}",
                IdempotencyKey = $"{talentId}-submit",
            };
            submission.Evidence.Add(new Evidence { ContentHash = "sha256:" + new string('a', 64), MediaType = "application/pdf", SizeBytes = 120_000, Description = "program letter" });
            var credential = await Timed(Submit, Stopwatch.GetTimestamp(), measured, credentials.SubmitCredentialAsync(submission, Call(applicant)));

            // The talent's app watches its notifications and its own record: Redemption commits "benefit available"
            // in the same unit of work as the new tier and eligibility and pushes it; Registration pushes the talent
            // once its tier projection changed. Each watch is positioned once its headers arrive, so both are opened
            // before HR verifies and nothing they wait for can slip past them.
            step = Watch;
            using var watching = new CancellationTokenSource(options.VisibilityTimeout);
            using var watch = notifications.WatchNotifications(new WatchNotificationsRequest(), Call(applicant, watching.Token));
            using var talentWatch = talents.WatchMyTalent(new WatchMyTalentRequest(), Call(applicant, watching.Token));
            await Task.WhenAll(watch.ResponseHeadersAsync, talentWatch.ResponseHeadersAsync);

            step = Verify;
            await Timed(Verify, Stopwatch.GetTimestamp(), measured,
                credentials.VerifyCredentialAsync(new VerifyCredentialRequest { CredentialId = credential.CredentialId }, Call(target.HrToken)));
            var verified = Stopwatch.GetTimestamp();

            // Both results come from the same talent.evaluated, handled by Registration and Redemption side by side,
            // so the two waits run side by side too: the tier pushed by Registration, and the benefit notification
            // followed by one read of the eligible benefits (polled only if that read says "not yet"). The later of
            // the two "yes" answers bounds the truth from above. Nothing here polls Registration: a mesh that falls
            // behind is not read again by every talent waiting on it.
            step = Watch;
            var deadline = verified + (long)(options.VisibilityTimeout.TotalSeconds * Stopwatch.Frequency);
            if (!await BothAsync(
                    TierPushedAsync(talentWatch.ResponseStream, measured, verified, watching.Token),
                    EligibleOnceNotifiedAsync(watch.ResponseStream, measured, verified, deadline, applicant, watching.Token)))
            {
                if (measured)
                    recorders[Visible].Fail($"not visible within {options.VisibilityTimeout.TotalSeconds:N0} s");
                return false;
            }
            if (measured)
            {
                recorders[Visible].Record(verified);
                recorders.Lateness.Record(verified, Stopwatch.GetTimestamp());
                recorders[Whole].Record(intendedStart);
            }
            return true;
        }
        catch (RpcException e)
        {
            if (measured)
                recorders[Visible].Fail($"{step}: {e.StatusCode}");
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            if (measured)
                recorders[Visible].Fail($"{step}: {e.GetType().Name}");
            return false;
        }
    }

    /// <summary>Whether both reads said yes; the first one's failure is rethrown once both have ended.</summary>
    private static async Task<bool> BothAsync(Task<bool> first, Task<bool> second)
    {
        var answers = await Task.WhenAll(first, second);
        return answers[0] && answers[1];
    }

    /// <summary>The notification, then the eligible benefits read until they list the policy.</summary>
    private async Task<bool> EligibleOnceNotifiedAsync(IAsyncStreamReader<Notification> stream, bool measured, long verified, long deadline,
        string applicant, CancellationToken timeout) =>
        await ReadUntilAsync(stream, Notified, measured, verified, timeout,
            notification => notification.Kind == NotificationKind.BenefitAvailable && notification.PolicyId == policyId)
        && await PollAsync(Eligible, measured, deadline, async call =>
            (await redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest { PageSize = 100 }, call)).Benefits.Any(b => b.PolicyId == policyId), applicant);

    /// <summary>Reads the talent watch (the talent as it is, then each change) until it shows the new tier.</summary>
    private Task<bool> TierPushedAsync(IAsyncStreamReader<Talent> stream, bool measured, long verified, CancellationToken timeout) =>
        ReadUntilAsync(stream, TierPushed, measured, verified, timeout, talent => talent.Tier == Tier.B);

    /// <summary>Reads a watch until a message satisfies <paramref name="arrived"/>; false when the stream ends or times out first.</summary>
    private async Task<bool> ReadUntilAsync<T>(IAsyncStreamReader<T> stream, string name, bool measured, long verified, CancellationToken timeout, Func<T, bool> arrived)
    {
        try
        {
            while (await stream.MoveNext(timeout))
            {
                if (arrived(stream.Current))
                {
                    if (measured)
                        recorders[name].Record(verified);
                    return true;
                }
            }
            return false;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Cancelled or StatusCode.DeadlineExceeded && timeout.IsCancellationRequested)
        {
            return false;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Asks until the answer says yes; false when <paramref name="deadline"/> passes first. The pause starts at the
    /// poll interval and grows 1.25× per poll up to the cap, so a mesh that falls behind is not buried under polls from
    /// the workflows waiting on it; the visible time is then an upper bound at most one pause (~25 %) above the truth.
    /// </summary>
    private async Task<bool> PollAsync(string name, bool measured, long deadline, Func<CallOptions, Task<bool>> visible, string token)
    {
        var pause = options.PollInterval;
        while (true)
        {
            var sent = Stopwatch.GetTimestamp();
            bool answer;
            try
            {
                answer = await visible(Call(token));
            }
            catch (RpcException e)
            {
                if (measured)
                    recorders[name].Fail(Reason(e));
                throw;
            }
            if (measured)
                recorders[name].Record(sent);
            if (answer)
                return true;
            if (Stopwatch.GetTimestamp() > deadline)
                return false;
            await Task.Delay(pause);
            pause = TimeSpan.FromTicks(Math.Min((long)(pause.Ticks * 1.25), options.PollCap.Ticks));
        }
    }

    private async Task<T> Timed<T>(string name, long since, bool measured, AsyncUnaryCall<T> call)
    {
        try
        {
            var response = await call;
            if (measured)
                recorders[name].Record(since);
            return response;
        }
        catch (RpcException e)
        {
            if (measured)
                recorders[name].Fail(Reason(e));
            throw;
        }
    }

    /// <summary>The status and the start of its detail (which tells a refused connection from a deadline, say).</summary>
    private static string Reason(RpcException e) =>
        e.Status.Detail is { Length: > 0 } detail ? $"{e.StatusCode}: {detail[..Math.Min(detail.Length, 60)]}" : e.StatusCode.ToString();

    private static CallOptions Call(string token, CancellationToken cancellationToken = default) =>
        new(new Metadata { { "Authorization", "Bearer " + token } }, DateTime.UtcNow.AddSeconds(30), cancellationToken);
}
