using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace TalentMesh.Load;

/// <summary>
/// Every garbage collection of one .NET process, read from its runtime's GC events over an EventPipe session (the
/// diagnostics port every .NET process opens): pause and the part of it spent stopping the threads, generation, DATAS's
/// heap count and what survived gen 0. The services' /metrics give a run's totals (<see cref="StallSources"/>); a miss
/// needs the single collections — when the pauses lengthened and whether the heap count changed (docs/benchmarks.md,
/// "Session 26"). Opt-in (--gc-events): the session costs its process a little CPU.
/// </summary>
public sealed class GcEventListener : IAsyncDisposable
{
    private readonly EventPipeSession session;
    private readonly Task reading;
    private readonly List<GcCollection> collections = [];
    private bool stopped;

    private GcEventListener(EventPipeSession session)
    {
        this.session = session;
        reading = Task.Factory.StartNew(Read, TaskCreationOptions.LongRunning);
    }

    /// <summary>Starts listening to the process <paramref name="processId"/> (a .NET process of this user).</summary>
    public static GcEventListener Start(int processId)
    {
        var provider = new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC);
        return new GcEventListener(new DiagnosticsClient(processId).StartEventPipeSession([provider], requestRundown: false));
    }

    /// <summary>Ends the session and returns every collection it saw, in order.</summary>
    public async Task<IReadOnlyList<GcCollection>> StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            try
            {
                await session.StopAsync(CancellationToken.None);
            }
            catch (Exception exception) when (exception is ServerNotAvailableException or EndOfStreamException or IOException)
            {
                // The process ended first: its stream has ended too, and what it sent is read.
            }
        }
        await reading;
        lock (collections)
            return [.. collections];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        session.Dispose();
    }

    private void Read()
    {
        using var source = new EventPipeEventSource(session.EventStream);
        DateTime suspending = default, suspended = default;
        int? generation = null;
        int heaps = 1;
        double survived = 0;
        source.Clr.GCSuspendEEStart += e => (suspending, suspended, generation) = (e.TimeStamp, e.TimeStamp, null);
        source.Clr.GCSuspendEEStop += e => suspended = e.TimeStamp;
        source.Clr.GCStart += e => generation = e.Depth;
        source.Clr.GCHeapStats += e => survived = e.TotalPromotedSize0 / 1_048_576.0;
        source.Clr.GCGlobalHeapHistory += e => heaps = Math.Max(1, e.NumHeaps);
        source.Clr.GCRestartEEStop += e =>
        {
            // Only a suspension in which a collection started counts: the runtime also stops the threads for other
            // reasons, and a background collection's second stop (its final mark) starts no collection of its own.
            if (generation is not { } collected)
                return;
            lock (collections)
                collections.Add(new GcCollection(e.TimeStamp.ToUniversalTime(), collected, heaps, (e.TimeStamp - suspending).TotalMilliseconds,
                    (suspended - suspending).TotalMilliseconds, survived));
            generation = null;
        };
        try
        {
            source.Process();
        }
        catch (Exception exception) when (exception is FormatException or EndOfStreamException or IOException)
        {
            // The stream was cut mid-block (the process exited, or the session stopped while a block was in flight).
        }
    }
}
