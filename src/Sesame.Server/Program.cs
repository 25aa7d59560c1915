using Sesame.Server.Infrastructure;
using Sesame.Server.Oidc;

var builder = WebApplication.CreateBuilder(args);
builder.AddSesame().AddSesameOidc();

var app = builder.Build();
await app.MigrateDatabaseAsync();
if (OperatorCommands.IsCommand(args))
{
    // An operator's command (audit trail, key rotation), run against the configured database instead of serving.
    return await OperatorCommands.RunAsync(app.Services, args, Console.Out);
}

app.UseSesame();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
