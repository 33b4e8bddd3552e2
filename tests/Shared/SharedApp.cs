using Microsoft.Extensions.Time.Testing;

namespace Onboarding.Ops.Testing;

/// <summary>
/// A test class's app (an xunit class fixture): started once for the class, then before each test its database is put
/// back as it was right after start-up (<see cref="TestDatabase.Restore"/>), files stored since are
/// removed, the error log is emptied and, when the class runs on a fake clock, the test's own clock is put in.
/// Starting the app (migrations, demo staff, demo data, the host) is what made each test take seconds.
/// </summary>
public sealed class SharedApp : IDisposable
{
    private OpsAppFactory? app;
    private TestClock? clock;
    private HashSet<string> filesAtStart = [];
    private string signature = "";

    /// <summary>
    /// The class's app, fresh for this test: the first call starts it with these settings; later calls (the class's
    /// other tests) must ask for the same settings and get the same app with the start-up state restored.
    /// </summary>
    public OpsAppFactory Start(IReadOnlyDictionary<string, string?>? settings = null, FakeTimeProvider? fakeClock = null, string environment = "Development")
    {
        settings ??= new Dictionary<string, string?>();
        var wanted = $"{environment}|{string.Join(';', settings.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))}|{(fakeClock is null ? "system" : "fake")} clock";
        if (app is null)
        {
            clock = fakeClock is null ? null : new TestClock(fakeClock);
            var started = new OpsAppFactory(environment, settings) { Clock = clock };
            try
            {
                started.CreateClient().Dispose();
                started.Database.Keep();
            }
            catch
            {
                started.Dispose();
                throw;
            }
            // Only an app whose start-up state was kept is shared; else the next test starts its own.
            (app, signature) = (started, wanted);
            filesAtStart = [.. StoredFiles()];
            return app;
        }
        if (wanted != signature)
        {
            throw new InvalidOperationException($"A class's tests share one app: asked for {wanted}, started with {signature}.");
        }
        app.Database.Restore();
        foreach (var file in StoredFiles().Where(f => !filesAtStart.Contains(f)))
        {
            File.Delete(file);
        }
        app.ClearErrors();
        if (fakeClock is not null)
        {
            clock!.Use(fakeClock);
        }
        return app;
    }

    private IEnumerable<string> StoredFiles()
    {
        var folder = Path.Combine(app!.Folder, "documents");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    public void Dispose()
    {
        app?.Dispose();
    }
}

/// <summary>
/// The clock of a shared app: it reads the current test's fake clock. On a switch, every timer still waiting (a
/// background job's pause between rounds) moves to the new clock with the time it had left, so a job neither fires
/// early nor is lost; it just keeps waiting on the test's clock.
/// </summary>
public sealed class TestClock(FakeTimeProvider first) : TimeProvider
{
    private readonly HashSet<MovingTimer> timers = [];
    private FakeTimeProvider current = first;

    public void Use(FakeTimeProvider next)
    {
        lock (timers)
        {
            var old = current;
            current = next;
            foreach (var timer in timers)
            {
                timer.Move(old, next);
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => current.GetUtcNow();

    public override long GetTimestamp() => current.GetTimestamp();

    public override long TimestampFrequency => current.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => current.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (timers)
        {
            var timer = new MovingTimer(this, callback, state, period);
            timer.Arm(current, dueTime);
            timers.Add(timer);
            return timer;
        }
    }

    private sealed class MovingTimer(TestClock owner, TimerCallback callback, object? state, TimeSpan period) : ITimer
    {
        private ITimer? inner;
        private DateTimeOffset? due;
        private TimeSpan interval = period;

        public void Arm(FakeTimeProvider clock, TimeSpan dueTime)
        {
            inner?.Dispose();
            due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            inner = clock.CreateTimer(Fire, clock, dueTime, interval);
        }

        public void Move(FakeTimeProvider old, FakeTimeProvider next) =>
            Arm(next, due is { } d ? (d - old.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero) : Timeout.InfiniteTimeSpan);

        private void Fire(object? clock)
        {
            due = interval == Timeout.InfiniteTimeSpan ? null : ((FakeTimeProvider)clock!).GetUtcNow() + interval;
            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.timers)
            {
                interval = period;
                Arm(owner.current, dueTime);
                return true;
            }
        }

        public void Dispose()
        {
            lock (owner.timers)
            {
                inner?.Dispose();
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
