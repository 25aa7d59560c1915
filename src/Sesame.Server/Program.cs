using Sesame.Server.Infrastructure;
using Sesame.Server.Oidc;

var builder = WebApplication.CreateBuilder(args);
builder.AddSesame().AddSesameOidc();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseSesame();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
