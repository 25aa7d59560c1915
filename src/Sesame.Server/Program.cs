using Sesame.Server.Infrastructure;
using Sesame.Server.Infrastructure.Audit;
using Sesame.Server.Oidc;

var builder = WebApplication.CreateBuilder(args);
builder.AddSesame().AddSesameOidc();

var app = builder.Build();
await app.MigrateDatabaseAsync();
if (AuditCommands.IsAuditCommand(args))
{
    // An operator's command on the audit trail, run against the configured database instead of serving.
    return await AuditCommands.RunAsync(app.Services, args, Console.Out);
}

app.UseSesame();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
