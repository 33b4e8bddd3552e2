namespace Onboarding.Ops.Web.Features;

/// <summary>
/// Background work done at once and then <see cref="Interval"/> after each round ends, on the app's clock (a fake one
/// in tests). A failed round is logged and the next one tries again: one bad row must not stop the work for good.
/// </summary>
/// <remarks>
/// The wait is one delay per round, not a periodic timer: a periodic timer owes every tick it missed, so a clock that
/// jumps (a fake one advanced 13 days, or a machine back from sleep) fired it once per missed interval (~225,000
/// times for the 5-second webhook poll), which took minutes. One round after a jump is all the work needs.
/// </remarks>
public abstract class Recurring(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;
    protected ILogger Logger { get; } = logger;

    private readonly TaskCompletionSource firstRound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected abstract TimeSpan Interval { get; }

    /// <summary>
    /// Done when the first round (the one at start-up) has ended, well or not: the host does not wait for it, so a
    /// caller that must not race it (a test keeping the database's start-up state) waits here.
    /// </summary>
    public Task FirstRound => firstRound.Task;

    /// <summary>One round of the work.</summary>
    protected abstract Task RunAsync(CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: whatever the round threw as it was cut off is moot, and must not stop the host.
                return;
            }
            catch (Exception e) when (IsTransient(e))
            {
                Logger.LogWarning(e, "{Work} met a passing condition (a deadlock, a busy database); trying again in {Interval}", GetType().Name, Interval);
            }
            catch (Exception e)
            {
                Logger.LogError(e, "{Work} failed; trying again in {Interval}", GetType().Name, Interval);
            }
            finally
            {
                firstRound.TrySetResult();
            }
            try
            {
                await Task.Delay(Interval, Clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The database said the work may succeed if tried again (the provider's own judgement), however EF wrapped it.</summary>
    private static bool IsTransient(Exception? e) =>
        e is not null && (e is System.Data.Common.DbException { IsTransient: true } || IsTransient(e.InnerException));
}
