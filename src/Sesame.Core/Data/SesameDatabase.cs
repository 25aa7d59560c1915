using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Sesame.Core.Data;

/// <summary>Registers the context of the configured provider, reachable as <see cref="SesameDbContext"/>.</summary>
public static class SesameDatabase
{
    public static IServiceCollection AddSesameDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<SqliteSesameDbContext>(o => o.UseSqlite(options.ConnectionString));
                services.AddScoped<SesameDbContext>(sp => sp.GetRequiredService<SqliteSesameDbContext>());
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContext<PostgresSesameDbContext>(o => o.UseNpgsql(options.ConnectionString));
                services.AddScoped<SesameDbContext>(sp => sp.GetRequiredService<PostgresSesameDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }

        return services;
    }
}
