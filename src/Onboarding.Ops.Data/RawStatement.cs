using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Onboarding.Ops.Data;

/// <summary>
/// One SQL statement run many times in a transaction with new values, for the trail's bulk work (chaining an upgraded
/// trail, a checkpoint's heads) where a tracked entity per row would cost more than the work.
/// </summary>
internal sealed class RawStatement : IAsyncDisposable
{
    private readonly DbCommand command;
    private readonly DbParameter[] parameters;

    public RawStatement(OpsDbContext db, IDbContextTransaction transaction, string sql, params string[] names)
    {
        command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = sql;
        parameters = names.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
    }

    /// <summary>Runs the statement with these values, in the order of the names given.</summary>
    public Task RunAsync(CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
