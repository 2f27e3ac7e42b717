using Grpc.Core;
using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Scores;
using TalentMesh.Cli.TalentCodes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Cli.Demo;

/// <summary>Steps 4–5: scores and tiers with their explanations, talent codes issued and verified.</summary>
public sealed partial class DemoScript
{
    private async Task<Dictionary<string, Tier>> ScoresAsync(IReadOnlyList<DemoTalent> cast)
    {
        Step("Evaluation scores them: tiers and the explanation of every point");
        Note("credential.verified travels to Evaluation as an event; each result is awaited until the latest evaluation counts every verified credential");
        var tiers = new Dictionary<string, Tier>();
        foreach (var talent in cast)
        {
            var verified = submitted[talent.TalentId].Where(credential => credential.Status == CredentialStatus.Verified).Select(credential => credential.CredentialId).ToHashSet();
            await EvaluationCountingAsync(talent.TalentId, verified);
            var score = await Mesh.Scores.GetScoreAsync(new GetScoreRequest { TalentId = talent.TalentId }, await Call(MeshService.Evaluation, hr));
            var explanation = await Mesh.Scores.ExplainScoreAsync(new ExplainScoreRequest { TalentId = talent.TalentId }, await Call(MeshService.Evaluation, hr));
            Console.WriteLine();
            ScoreView.Render(Console, score, explanation);
            Expect(talent.ExpectedTier(score.Tier), $"{talent.TalentId} should reach {talent.Expectation}, has {Display.Of(score.Tier)} with {Display.Of(score.TotalPoints)} points");
            Ok($"{talent.Name} {talent.TalentId}: {Display.Of(score.TotalPoints)} points, {(score.Tier == Tier.None ? "no tier" : $"tier {Display.Of(score.Tier)}")} — as expected: {talent.Expectation}");
            tiers[talent.TalentId] = score.Tier;
        }
        foreach (var talent in cast)
        {
            var watch = talentWatches[talent.TalentId];
            var pushed = await watch.UntilAsync(shown => shown.Tier == tiers[talent.TalentId], poll.Deadline, session.CancellationToken)
                ?? throw new DemoFailure($"{talent.TalentId}'s app should be sent tier {Display.Of(tiers[talent.TalentId])} within {poll.Deadline.TotalSeconds:0} s, last got {Display.Of(watch.Latest.Tier)}");
            Console.MarkupLineInterpolated($"  {talent.Name}'s app (WatchMyTalent): {(pushed.Tier == Tier.None ? "no tier, as when it opened the watch" : $"tier {Display.Of(pushed.Tier)} pushed")}");
        }
        Ok("talent.evaluated reached Registration: each talent's record carries the tier, pushed to the talent's own watch");
        return tiers;
    }

    private async Task CodesAsync(IReadOnlyList<DemoTalent> cast, Dictionary<string, Tier> tiers)
    {
        Step("Talent codes (人才码) are issued and verified by a scanner");
        var drawn = false;
        foreach (var talent in cast)
        {
            var call = await AsApplicant(MeshService.Registration, talent);
            if (tiers[talent.TalentId] == Tier.None)
            {
                try
                {
                    await Mesh.Codes.IssueTalentCodeAsync(new IssueTalentCodeRequest { TalentId = talent.TalentId, IdempotencyKey = Guid.NewGuid().ToString() }, call);
                    throw new DemoFailure($"{talent.TalentId} holds no tier and must not get a code");
                }
                catch (RpcException error) when (error.StatusCode == StatusCode.FailedPrecondition)
                {
                    Ok($"{talent.Name} {talent.TalentId} holds no tier: IssueTalentCode is refused with FAILED_PRECONDITION ({error.Status.Detail})");
                }
                continue;
            }
            var issued = await Mesh.Codes.IssueTalentCodeAsync(new IssueTalentCodeRequest { TalentId = talent.TalentId, IdempotencyKey = Guid.NewGuid().ToString() }, call);
            Expect(issued.Status == TalentCodeStatus.Active && issued.Tier == tiers[talent.TalentId], $"{talent.TalentId}'s code should be active with tier {Display.Of(tiers[talent.TalentId])}, is {issued.Status} {Display.Of(issued.Tier)}");
            var shown = await Mesh.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = talent.TalentId }, call);
            TalentCodeCommands.Render(Console, shown, drawQr: !drawn);
            drawn = true;
            var verified = await Mesh.Codes.VerifyTalentCodeAsync(new VerifyTalentCodeRequest { QrPayload = shown.QrPayload }, await Call(MeshService.Registration, scanner));
            Console.Markup($"scanner {scanner.Subject}: ");
            TalentCodeCommands.RenderVerification(Console, verified);
            Expect(verified.Valid && verified.TalentId == talent.TalentId && verified.Tier == tiers[talent.TalentId],
                $"{talent.TalentId}'s code should verify as valid with tier {Display.Of(tiers[talent.TalentId])}, got {verified.Result}");
        }
        Ok("every talent with a tier has a signed code that verifies at a service point");
    }

    /// <summary>Waits until the talent's latest evaluation counts every one of <paramref name="credentialIds"/>.</summary>
    private Task<Evaluation?> EvaluationCountingAsync(string talentId, IReadOnlySet<string> credentialIds) =>
        poll.UntilAsync($"{talentId}'s evaluation counting credentials {string.Join(", ", credentialIds)}",
            async () => await LatestEvaluationAsync(talentId, await Call(MeshService.Evaluation, hr)),
            latest => latest is not null && credentialIds.IsSubsetOf(latest.Facts.SelectMany(fact => fact.CredentialIds)),
            latest => latest is null ? "no evaluation yet" : $"evaluation #{latest.EvaluationSequence} with credentials {string.Join(", ", latest.Facts.SelectMany(fact => fact.CredentialIds).Distinct())}");

    private async Task<Evaluation?> LatestEvaluationAsync(string talentId, CallOptions call)
    {
        try
        {
            var history = await Mesh.Scores.GetEvaluationHistoryAsync(new GetEvaluationHistoryRequest { TalentId = talentId, PageSize = 1 }, call);
            return history.Evaluations.FirstOrDefault();
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }
}
