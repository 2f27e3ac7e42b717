namespace TalentMesh.Load.Tests;

/// <summary>The listener on a real process (this one): its runtime's GC events over a real EventPipe session.</summary>
public sealed class GcEventListenerTests
{
    [Fact]
    public async Task Collections_AreReadFromTheRuntimesEvents_WithGenerationPauseAndHeapCount()
    {
        var before = DateTime.UtcNow;
        var listener = GcEventListener.Start(Environment.ProcessId);
        await using (listener)
        {
            // The session starts when the runtime answers the request, so the collections forced next are in it.
            for (var i = 0; i < 3; i++)
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var collections = await listener.StopAsync();
            var after = DateTime.UtcNow;

            Assert.Contains(collections, c => c.Generation == 0);
            Assert.Contains(collections, c => c.Generation == 2);
            Assert.All(collections, c =>
            {
                Assert.InRange(c.EndedUtc, before, after);
                Assert.True(c.PauseMs > 0, $"pause {c.PauseMs} ms");
                Assert.InRange(c.SuspendMs, double.Epsilon, c.PauseMs);
                Assert.True(c.Heaps >= 1, $"{c.Heaps} heaps");
                Assert.True(c.SurvivedGen0Mb >= 0);
            });
        }
    }
}
