using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.EventBus.Outbox;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.EventBus.Transport;
using TalentMesh.EventBus.Transport.Redis;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

public sealed class DeliveryGuaranteeTests(RedisServerFixture redis) : BusTestBase(redis)
{
    [Fact]
    public async Task DuplicateDelivery_SameCloudEventIdInOneBatch_ChangesStateOnce()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        var entry = DaprShapedEntries.Sample("dup-1", SampleTopic(prefix), key: "dup", value: 5);
        // Both copies land before the consumer starts, so they arrive in one batch and race through the handler.
        await Database.StreamAddAsync(SampleTopic(prefix), "data", entry);
        await Database.StreamAddAsync(SampleTopic(prefix), "data", entry);
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));

        await WaitUntilConsumedAsync(prefix);
        Assert.Equal(5, await TotalAsync(prefix, "dup"));
    }

    [Fact]
    public async Task DuplicateDelivery_SameCloudEventIdLater_IsSkippedByTheInbox()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));
        var entry = DaprShapedEntries.Sample("dup-2", SampleTopic(prefix), key: "dup", value: 5);

        await Database.StreamAddAsync(SampleTopic(prefix), "data", entry);
        await WaitUntilConsumedAsync(prefix);
        await Database.StreamAddAsync(SampleTopic(prefix), "data", entry);
        await WaitUntilConsumedAsync(prefix);

        // The bus promises the effect once, not one handler run: a handler may run again and find its commit already done.
        Assert.Equal(5, await TotalAsync(prefix, "dup"));
        Assert.Equal(2, (await Database.StreamRangeAsync(SampleTopic(prefix))).Length);
    }

    private async Task WaitUntilConsumedAsync(string prefix) =>
        await Eventually.TrueAsync(() => FullyConsumedAsync(SampleTopic(prefix), BusGroup("consumer")), Deadline, "every entry delivered and acked");

    /// <summary>
    /// The relay's path (dapr transport: events go through the outbox). daprd is stood in for by the redis publisher,
    /// which writes to the topic stream what daprd's pubsub.redis writes, so a real consumer can count the copies.
    /// </summary>
    [Fact]
    public async Task Relay_DiesAfterPublishingBeforeAck_DuplicateIsDroppedDownstream()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        var crashOnce = new CrashAfterPublish();
        await using var producer = await BusHost.StartAsync(Producer(prefix) with { Transport = "Dapr" }, services =>
            services.AddSingleton<IEventPublisher>(sp => crashOnce.Wrap(ActivatorUtilities.CreateInstance<RedisStreamsPublisher>(sp))));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));

        await producer.PublishAsync(Sample("relay", value: 3));

        await Eventually.TrueAsync(async () => await Database.StreamLengthAsync(SampleTopic(prefix)) == 2, Deadline, "published twice: once before the crash, once after reclaim");
        await WaitUntilConsumedAsync(prefix);
        var copies = await Database.StreamRangeAsync(SampleTopic(prefix));
        Assert.Equal(2, copies.Length);
        Assert.Single(copies.Select(copy => JsonDocument.Parse(copy["data"].ToString()).RootElement.GetProperty("id").GetString()).Distinct());
        Assert.Equal(3, await TotalAsync(prefix, "relay"));
        await Eventually.TrueAsync(async () => await Database.StreamLengthAsync(prefix + "producer:outbox") == 0, Deadline, "outbox drained");
    }

    /// <summary>The first publish reaches Redis and then the "relay dies" before it can acknowledge the outbox entry.</summary>
    private sealed class CrashAfterPublish
    {
        private int crashed;

        public IEventPublisher Wrap(IEventPublisher inner) => new Publisher(inner, this);

        private sealed class Publisher(IEventPublisher inner, CrashAfterPublish owner) : IEventPublisher
        {
            public Task[] Publish(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken) =>
                inner.Publish(entries, cancellationToken).Select(CrashAfterFirstAsync).ToArray();

            private async Task CrashAfterFirstAsync(Task published)
            {
                await published;
                if (Interlocked.Exchange(ref owner.crashed, 1) == 0)
                    throw new IOException("Relay died after publishing, before acknowledging.");
            }
        }
    }
}
