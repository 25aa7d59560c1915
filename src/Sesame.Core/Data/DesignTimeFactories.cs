using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Sesame.Core.Data;

/// <summary>
/// Used by dotnet-ef only. Identity reads its schema version from the application's services, which a
/// design-time context lacks, so this gives it a provider configured like the server (stack-notes pitfall 1):
/// Version3 brings the passkey table.
/// </summary>
internal static class DesignTimeServices
{
    public static IServiceProvider Identity { get; } = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSesameDbContext>
{
    public SqliteSesameDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteSesameDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .UseApplicationServiceProvider(DesignTimeServices.Identity)
            .Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSesameDbContext>
{
    public PostgresSesameDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresSesameDbContext>()
            .UseNpgsql("Host=localhost;Database=sesame_design_time")
            .UseApplicationServiceProvider(DesignTimeServices.Identity)
            .Options);
}
