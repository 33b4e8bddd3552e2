using System.Text.Json;
using Npgsql;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>
/// What an instance tells the others about a customer: who looks at it there now (<see cref="Viewers"/>), or who
/// changed it when (<see cref="ChangedBy"/>, <see cref="At"/>). Neither: a new listener asks to hear who looks where.
/// </summary>
public sealed record ActivityNote(string Instance, Guid CustomerId, ActivityNote.Person? ChangedBy, DateTimeOffset? At, IReadOnlyList<ActivityNote.Person>? Viewers)
{
    public sealed record Person(string StaffId, string Name);

    public static ActivityNote Hello(AppInstance from) => new(from.Id, Guid.Empty, null, null, null);
}

/// <summary>How the app instances on one database tell each other about presence and changes.</summary>
public interface IActivityBus
{
    void Publish(ActivityNote note);

    /// <summary>A note from another instance (or this one: the receiver skips its own).</summary>
    event Action<ActivityNote>? Received;

    /// <summary>Raised every half minute: time to say again who is looking where, so the others' view stays fresh.</summary>
    event Action? Resend;
}

/// <summary>SQLite: one app instance, nobody else to tell.</summary>
public sealed class NoActivityBus : IActivityBus
{
    public void Publish(ActivityNote note)
    {
    }

    public event Action<ActivityNote>? Received
    {
        add { }
        remove { }
    }

    public event Action? Resend
    {
        add { }
        remove { }
    }
}

/// <summary>
/// PostgreSQL's LISTEN/NOTIFY on one channel: a connection of its own listens (reconnecting after a failure), and a
/// note is sent with pg_notify. Notes are small (a customer's viewers), far under NOTIFY's 8,000-byte limit; one that
/// is lost (an instance restarting) is made good by the next resend.
/// </summary>
public sealed class PostgresActivityBus(DatabaseSettings database, AppInstance instance, ILogger<PostgresActivityBus> log)
    : BackgroundService, IActivityBus
{
    private const string Channel = "customer_activity";
    private static readonly TimeSpan ResendEvery = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(database.ConnectionString);

    public event Action<ActivityNote>? Received;
    public event Action? Resend;

    public void Publish(ActivityNote note) => _ = SendAsync(note);

    private async Task SendAsync(ActivityNote note)
    {
        try
        {
            await using var command = source.CreateCommand("SELECT pg_notify(@channel, @note)");
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("note", JsonSerializer.Serialize(note, Json));
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
            // Presence is a courtesy: a lost note is made good by the next resend, and a decision never waits on it.
            log.LogWarning(e, "Could not tell the other instances about customer {CustomerId}", note.CustomerId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await source.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Deliver(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // A (re)connected listener missed what the others said before: they answer this with their viewers.
                await SendAsync(ActivityNote.Hello(instance));
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(ResendEvery, stoppingToken))
                    {
                        Resend?.Invoke();
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                log.LogWarning(e, "Listening to the other instances failed; trying again in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Deliver(string payload)
    {
        if (JsonSerializer.Deserialize<ActivityNote>(payload, Json) is { } note)
        {
            Received?.Invoke(note);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        source.Dispose();
    }
}
