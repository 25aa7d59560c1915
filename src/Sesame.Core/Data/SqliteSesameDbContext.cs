using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Sesame.Core.Data;

/// <summary>The embedded default: a SQLite file created on first run.</summary>
public sealed class SqliteSesameDbContext(DbContextOptions<SqliteSesameDbContext> options) : SesameDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time type: stored as text, DateTimeOffset cannot be compared or ordered in SQL.
        // Every instant Sesame writes is UTC, so the binary form orders correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
