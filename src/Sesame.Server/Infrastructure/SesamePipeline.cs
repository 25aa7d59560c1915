using Microsoft.EntityFrameworkCore;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Registries.Simulator;
using Microsoft.AspNetCore.Diagnostics;
using Sesame.Server.Features.Connect;
using Sesame.Server.Features.Directory;
using Sesame.Server.Features.Proofing;
using Sesame.Server.Infrastructure.Localization;
using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Infrastructure;

public static class SesamePipeline
{
    /// <summary>Creates or upgrades the database before the first request (issue: "migrations applied at start").</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SesameDbContext>().Database.MigrateAsync();
        }

        if (app.Environment.IsDevelopment())
        {
            await DemoData.SeedAsync(app.Services);
        }
    }

    public static WebApplication UseSesame(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/erreur/500");
        }

        app.UseStatusCodePagesWithReExecute("/erreur/{0}");
        app.Use((context, next) =>
        {
            // The APIs answer machines with their own JSON error bodies (and OpenIddict's WWW-Authenticate), not pages.
            if (context.Request.Path.StartsWithSegments("/api") && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
        app.UseSecurityHeaders();
        app.UseRequestLocalization(Languages.Options(app.Services.GetRequiredService<CookieSettings>()));
        app.UseStaticFiles();
        app.UseRouting();
        app.Use((context, next) =>
        {
            // Every audit record of this request says where it came from (issue 7), whoever writes it.
            context.RequestServices.GetRequiredService<AuditTrail>().RequestSource = context.Connection.RemoteIpAddress;
            return next(context);
        });
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapLanguageSwitch();
        app.MapEndSession();
        app.MapProfessionalDirectory();
        app.MapHealthChecks("/sante");
        if (app.Services.GetRequiredService<ProofingSettings>().MountSimulator)
        {
            // The run command's stand-in registries, reached by Sesame's adapters over HTTP like real ones.
            app.MapRegistrySimulator("/simulateur");
        }

        return app;
    }
}
