using Grpc.Core;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Cli.Demo;

/// <summary>
/// A talent's own record as its app watches it (<c>WatchMyTalent</c>): opened before HR reviews, so the tier that
/// follows is pushed to it rather than read. Keeps the latest record sent, which may already be the one awaited.
/// </summary>
public sealed class TalentWatch : IDisposable
{
    private readonly AsyncServerStreamingCall<Talent> call;

    private TalentWatch(AsyncServerStreamingCall<Talent> call, Talent first)
    {
        this.call = call;
        Latest = first;
    }

    /// <summary>The latest record pushed.</summary>
    public Talent Latest { get; private set; }

    /// <summary>Opens the watch and takes the record as it is, which the service sends first: from then on it is in place.</summary>
    public static async Task<TalentWatch> OpenAsync(Mesh mesh, DemoTalent talent, CancellationToken cancellationToken)
    {
        var options = await mesh.CallAsync(MeshService.Registration, Caller.For(Caller.Applicant, talent.TalentId), cancellationToken, streaming: true);
        var call = mesh.Talents.WatchMyTalent(new WatchMyTalentRequest(), options);
        try
        {
            if (!await call.ResponseStream.MoveNext(cancellationToken))
                throw new DemoFailure($"{talent.TalentId}'s watch ended before sending the record");
            return new TalentWatch(call, call.ResponseStream.Current);
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    /// <summary>The first record pushed (or already held) that satisfies <paramref name="done"/>; null if none comes within <paramref name="deadline"/>.</summary>
    public async Task<Talent?> UntilAsync(Func<Talent, bool> done, TimeSpan deadline, CancellationToken cancellationToken)
    {
        if (done(Latest))
            return Latest;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            while (await call.ResponseStream.MoveNext(timeout.Token))
            {
                Latest = call.ResponseStream.Current;
                if (done(Latest))
                    return Latest;
            }
        }
        catch (Exception error) when (error is RpcException { StatusCode: StatusCode.Cancelled } or OperationCanceledException
                                      && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The deadline passed: the caller reports what was last pushed.
        }
        return null;
    }

    public void Dispose() => call.Dispose();
}
