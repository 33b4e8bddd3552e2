using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Onboarding.Ops.Data;

/// <summary>
/// Makes the app's contexts. Inside <see cref="InOneTransactionAsync{T}"/> every context made joins that one
/// transaction, so a partner's POST (its idempotency key, the change and the stored answer) commits whole or not at all,
/// however many contexts the handler opens.
/// </summary>
public sealed class OpsContexts(DbContextOptions<OpsDbContext> options, DatabaseSettings database) : IDbContextFactory<OpsDbContext>
{
    private static readonly AsyncLocal<DbTransaction?> Ambient = new();

    // SQLite has one writer: such transactions take turns here, awaited, instead of in the driver's busy loop, which
    // sleeps on a pool thread per waiting request and so starves the staff screens under partner load.
    private readonly SemaphoreSlim sqliteWriter = new(1, 1);

    public OpsDbContext CreateDbContext()
    {
        var db = new OpsDbContext(options);
        if (Ambient.Value is { Connection: { } connection } transaction)
        {
            db.Database.SetDbConnection(connection);
            db.Database.UseTransaction(transaction);
            // A failure rolls the whole transaction back, so a savepoint around each save would only cost two commands.
            db.Database.AutoSavepointsEnabled = false;
        }
        return db;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed when it says so and rolled back otherwise (or when it
    /// throws). Contexts made meanwhile, on this flow, join it; work must not run queries in parallel on them.
    /// </summary>
    public async Task<T> InOneTransactionAsync<T>(Func<OpsDbContext, Task<(T Result, bool Commit)>> work, CancellationToken cancellationToken)
    {
        if (Ambient.Value is not null)
        {
            throw new InvalidOperationException("A transaction is already open on this flow.");
        }
        if (database.IsSqlite)
        {
            await sqliteWriter.WaitAsync(cancellationToken);
        }
        try
        {
            await using var db = new OpsDbContext(options);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            Ambient.Value = transaction.GetDbTransaction();
            var (result, commit) = await work(db);
            if (commit)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return result;
        }
        finally
        {
            Ambient.Value = null;
            if (database.IsSqlite)
            {
                sqliteWriter.Release();
            }
        }
    }
}
