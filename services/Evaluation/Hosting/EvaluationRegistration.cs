using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.Reevaluation;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Scheduling;
using TalentMesh.Evaluation.Scores;
using TalentMesh.ServiceDefaults.Hosting;

namespace TalentMesh.Evaluation.Hosting;

/// <summary>The Evaluation service's own parts: facts, scores, rule sets, their rollout and the time-boundary scheduler.</summary>
public static class EvaluationRegistration
{
    public static WebApplicationBuilder AddEvaluationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<EvaluationOptions>(builder.Configuration, EvaluationOptions.Section);

        // Facts: the projection and the events that feed it.
        services.AddSingleton<FactsStore>();
        services.AddEventHandler<TalentRegistered, TalentRegisteredHandler>();
        services.AddEventHandler<CredentialVerified, CredentialVerifiedHandler>();
        services.AddEventHandler<CredentialRejected, CredentialRejectedHandler>();
        services.AddEventHandler<CredentialRevoked, CredentialRevokedHandler>();

        // Scores.
        services.AddSingleton<ScoreStore>();
        services.AddSingleton<TalentEvaluator>();
        services.AddSingleton<TalentReevaluation>();
        services.AddSingleton<WhatIf>();
        services.AddHostedService<TierCountRebuild>();

        // Rule sets: the default is installed before anything else runs.
        services.AddSingleton<RuleSetStore>();
        services.AddSingleton<RuleSetActivation>();
        services.AddSingleton<RuleSetPublisher>();
        services.AddSingleton<PreviewCalculator>();
        services.AddHostedService<DefaultRuleSetInstaller>();
        services.AddHostedService<ScheduledActivationService>();

        // Re-evaluation of everyone when a rule set takes effect.
        services.AddSingleton<RolloutStore>();
        services.AddSingleton<RolloutSignal>();
        services.AddHostedService<RolloutRunner>();

        // Time boundaries.
        services.AddSingleton<ScheduleStore>();
        services.AddHostedService<BoundaryScheduler>();
        return builder;
    }

    public static WebApplication MapEvaluationApi(this WebApplication app)
    {
        app.MapGrpcService<ScoreGrpcService>();
        app.MapGrpcService<RuleSetGrpcService>();
        return app;
    }
}
