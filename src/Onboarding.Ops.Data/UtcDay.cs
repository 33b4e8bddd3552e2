using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Onboarding.Ops.Data;

/// <summary>
/// The UTC day of a moment as "yyyy-MM-dd", computed in the database so reports can group by day there. Times are
/// stored as UTC (SQLite: sortable text whose first ten characters are the day; PostgreSQL: timestamptz).
/// </summary>
public static class UtcDay
{
    /// <summary>Only inside a query; the database computes it.</summary>
    public static string Of(DateTimeOffset at) => throw new InvalidOperationException("UtcDay.Of runs in the database only.");

    private static readonly MethodInfo OfMethod = typeof(UtcDay).GetMethod(nameof(Of))!;

    internal static void Map(ModelBuilder builder, bool sqlite) => builder.HasDbFunction(OfMethod).HasTranslation(args => sqlite
        ? new SqlFunctionExpression("substr", [args[0], new SqlFragmentExpression("1"), new SqlFragmentExpression("10")],
            nullable: true, argumentsPropagateNullability: [true, false, false], typeof(string), null)
        : new SqlFunctionExpression("to_char",
            [new SqlFunctionExpression("timezone", [new SqlFragmentExpression("'UTC'"), args[0]], nullable: true, argumentsPropagateNullability: [false, true], typeof(DateTime), args[0].TypeMapping),
             new SqlFragmentExpression("'YYYY-MM-DD'")],
            nullable: true, argumentsPropagateNullability: [true, false], typeof(string), null));
}
