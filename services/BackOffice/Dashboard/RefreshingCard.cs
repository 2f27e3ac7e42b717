using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using TalentMesh.BackOffice.Hosting;

namespace TalentMesh.BackOffice.Dashboard;

/// <summary>
/// A dashboard card that loads on arrival and again every <see cref="ConsoleOptions.RefreshInterval"/> (a
/// <see cref="PeriodicTimer"/> on the injected <see cref="TimeProvider"/>, so tests move time) until the page is left.
/// Each card calls its own service, so a service that is down empties only its cards while the others keep refreshing.
/// </summary>
public abstract class RefreshingCard : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource stopping = new();

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private IOptions<ConsoleOptions> Options { get; set; } = null!;

    /// <summary>Reads the card's figures; replaces what is shown only with a complete answer, clears it on a failure.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    protected override async Task OnInitializedAsync()
    {
        _ = RefreshPeriodicallyAsync(stopping.Token);
        await LoadAsync(stopping.Token);
    }

    private async Task RefreshPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.Value.RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(async () =>
                {
                    await LoadAsync(cancellationToken);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
