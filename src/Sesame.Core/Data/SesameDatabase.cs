using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Sesame.Core.Data;

/// <summary>
/// Registers the context of the configured provider, reachable as <see cref="SesameDbContext"/>. Contexts are
/// pooled: building a context's options and services on every request cost a tenth of the token endpoint's
/// CPU (docs/performance.md). They take nothing but their options, which pooling requires.
/// </summary>
public static class SesameDatabase
{
    public static IServiceCollection AddSesameDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextPool<SqliteSesameDbContext>(o => o.UseSqlite(options.ConnectionString));
                services.AddScoped<SesameDbContext>(sp => sp.GetRequiredService<SqliteSesameDbContext>());
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContextPool<PostgresSesameDbContext>(o => o.UseNpgsql(options.ConnectionString));
                services.AddScoped<SesameDbContext>(sp => sp.GetRequiredService<PostgresSesameDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }

        return services;
    }
}
