using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Access;
using TalentMesh.ServiceDefaults.Concurrency;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.Redemption.Notifications;

/// <summary>The caller's own inbox: paged list, read marks, and a live stream that resumes after a reconnect.</summary>
[Authorize(Policy = Roles.Applicant)]
public sealed class NotificationApi(NotificationStore store, WatchSignal signal, EventUnitOfWorkFactory units, TimeProvider time)
    : NotificationService.NotificationServiceBase
{
    /// <summary>Feed entries a watch reads at a time.</summary>
    private const int FeedPage = 100;

    public override async Task<ListNotificationsResponse> ListNotifications(ListNotificationsRequest request, ServerCallContext context)
    {
        var talent = Caller.From(context).Subject;
        var query = $"notifications|{request.UnreadOnly}";
        var before = PageToken.Decode(request.PageToken, query);
        var size = PageToken.Size(request.PageSize);
        var response = new ListNotificationsResponse { UnreadCount = (int)await store.UnreadCountAsync(talent, context.CancellationToken) };
        while (response.Notifications.Count < size)
        {
            var entries = await store.BeforeAsync(talent, before, 200, context.CancellationToken);
            if (entries.Count == 0)
                return response;
            var items = (await store.LoadAsync(talent, [.. entries.Select(e => e.Id)], context.CancellationToken)).ToDictionary(n => n.NotificationId);
            foreach (var (entry, id) in entries)
            {
                before = entry;
                if (!items.TryGetValue(id, out var item) || (request.UnreadOnly && item.ReadAt is not null))
                    continue;
                response.Notifications.Add(item);
                if (response.Notifications.Count == size)
                    break;
            }
        }
        response.NextPageToken = PageToken.Encode(before, query);
        return response;
    }

    public override async Task<Notification> MarkNotificationRead(MarkNotificationReadRequest request, ServerCallContext context)
    {
        if (!RedisKeys.IsSafeId(request.NotificationId))
            throw new ValidationFailedException([new FieldViolation("notification_id", "is required")]);
        var talent = Caller.From(context).Subject;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var (item, raw) = await store.GetAsync(talent, request.NotificationId, context.CancellationToken);
            if (item is null)
                throw new NotFoundException("Notification", request.NotificationId);
            if (item.ReadAt is not null)
                return item;
            var read = item.Clone();
            read.ReadAt = Timestamp.FromDateTimeOffset(time.GetUtcNow());
            var unit = units.Begin();
            store.MarkRead(unit, read, raw!);
            if (await unit.CommitAsync() == CommitOutcome.Committed)
                return read;
        }
        throw new WorkflowViolationException("The notification kept changing; retry.", "CONCURRENT_CHANGE");
    }

    public override async Task WatchNotifications(WatchNotificationsRequest request, IServerStreamWriter<Notification> responseStream, ServerCallContext context)
    {
        if (request.ResumeAfterNotificationId.Length > 0 && !RedisKeys.IsSafeId(request.ResumeAfterNotificationId))
            throw new ValidationFailedException([new FieldViolation("resume_after_notification_id", "is not a notification id")]);
        var talent = Caller.From(context).Subject;
        var cancellation = context.CancellationToken;
        using var watch = signal.Open(talent);
        try
        {
            // Taken before the read that positions the watch: whatever commits after this wakes the loop below.
            var woken = watch.Value.Next();
            string cursor;
            if (request.ResumeAfterNotificationId.Length > 0)
            {
                cursor = await store.EntryOfAsync(talent, request.ResumeAfterNotificationId, cancellation)
                    ?? throw new NotFoundException("Notification", request.ResumeAfterNotificationId);
                woken = Task.CompletedTask; // what came after the resume point is read at once
            }
            else
            {
                // Nothing is newer than the newest yet: the first read waits for a wake-up.
                cursor = (await store.BeforeAsync(talent, "", 1, cancellation)) is [var newest] ? newest.Entry : "0-0";
            }
            // The watch is positioned: response headers tell the client that whatever is committed from now on reaches
            // it, so a client can open the watch, await the headers and only then start what it waits for.
            await context.WriteResponseHeadersAsync([]);
            while (true)
            {
                // A client that leaves ends the wait: stop here, not in a read that would throw.
                if (!await WatchSignal.WaitAsync(woken, time, cancellation))
                    break;
                // Taken before the read: a notification committed between the read and the next wait still wakes us.
                woken = watch.Value.Next();
                // Pages until one is not full: a page that is not full was the end of the feed when it was read.
                IReadOnlyList<(string Entry, string Id)> entries;
                do
                {
                    entries = await store.AfterAsync(talent, cursor, FeedPage, cancellation);
                    if (entries.Count == 0)
                        break;
                    var items = (await store.LoadAsync(talent, [.. entries.Select(e => e.Id)], cancellation)).ToDictionary(n => n.NotificationId);
                    foreach (var (entry, id) in entries)
                    {
                        if (items.TryGetValue(id, out var item))
                            await responseStream.WriteAsync(item, cancellation);
                        cursor = entry;
                    }
                }
                while (entries.Count == FeedPage);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }
}
