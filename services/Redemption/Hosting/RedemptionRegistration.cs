using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus;
using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Calendar;
using TalentMesh.Redemption.Facts;
using TalentMesh.Redemption.Idempotency;
using TalentMesh.Redemption.Notifications;
using TalentMesh.Redemption.Policies;
using TalentMesh.Redemption.Redemptions;
using TalentMesh.Redemption.Scheduling;
using TalentMesh.Redemption.Talents;
using TalentMesh.ServiceDefaults.Concurrency;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Redemption.Hosting;

/// <summary>The Redemption service's own parts: its API, stores, event handlers and background work.</summary>
public static class RedemptionRegistration
{
    public static WebApplicationBuilder AddRedemptionServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(FactsVocabulary.Default);
        services.AddSingleton(HolidayCalendar.China);
        services.AddSingleton<RedemptionWorkflow>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<PolicyLocks>();
        services.AddSingleton<ReservationChain>();
        services.AddSingleton<PolicyStore>();
        services.AddSingleton<TalentStore>();
        services.AddSingleton<RedemptionStore>();
        services.AddSingleton<NotificationStore>();
        services.AddWatchSignal(); // the notification watchers'
        services.AddSingleton<ScheduleStore>();
        services.AddSingleton<MatchJobs>();
        services.AddSingleton<RedemptionCommitter>();
        services.AddSingleton<Redeemer>();
        services.AddSingleton<AutoGrants>();
        services.AddSingleton<BenefitMatching>();
        services.AddSingleton<Suspensions>();
        // One talent's evaluations one at a time: side by side, the evaluations at registration and at verification lost
        // optimistic races against each other in two workflows out of three under load.
        services.AddEventHandler<TalentEvaluated, TalentEvaluatedHandler>(orderedBy: e => e.TalentId);
        services.AddEventHandler<TalentCodeIssued, TalentCodeIssuedHandler>();
        services.AddEventHandler<TalentCodeRevoked, TalentCodeRevokedHandler>();
        services.AddEventHandler<PolicyPublished, PolicyPublishedHandler>();
        services.AddEventHandler<CredentialRejected, CredentialRejectedHandler>();
        services.AddSingleton<PolicyMatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PolicyMatcher>());
        services.AddSingleton<Scheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Scheduler>());
        return builder;
    }

    public static WebApplication MapRedemptionApi(this WebApplication app)
    {
        app.MapGrpcService<PolicyApi>();
        app.MapGrpcService<RedemptionApi>();
        app.MapGrpcService<NotificationApi>();
        return app;
    }
}
