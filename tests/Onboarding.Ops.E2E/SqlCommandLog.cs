using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Onboarding.Ops.E2E;

/// <summary>
/// The SQL commands one app ran, read from EF Core's diagnostic events (the app in-process, unchanged). Other apps of the
/// test run are told apart by their database: its file on SQLite, its name on PostgreSQL.
/// </summary>
public sealed class SqlCommandLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string database;
    private readonly IDisposable subscription;
    private readonly ConcurrentQueue<string> commands = new();
    private readonly List<IDisposable> listeners = [];

    public SqlCommandLog(string database)
    {
        this.database = database;
        subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public IReadOnlyCollection<string> Commands => commands;

    public void Clear() => commands.Clear();

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (listeners)
            {
                listeners.Add(listener.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed
            && executed.Command.Connection?.ConnectionString is { } connection && connection.Contains(database, StringComparison.Ordinal))
        {
            commands.Enqueue(executed.Command.CommandText);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        subscription.Dispose();
        lock (listeners)
        {
            listeners.ForEach(l => l.Dispose());
        }
    }
}
