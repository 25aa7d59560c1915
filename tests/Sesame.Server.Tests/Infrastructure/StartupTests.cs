using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sesame.Server.Tests.Support;
using Sesame.Testing;

namespace Sesame.Server.Tests.Infrastructure;

[Collection(ServerCollection.Name)]
public sealed class StartupTests(ServerFixture server)
{
    [Fact]
    public async Task The_server_migrates_an_empty_database_at_start()
    {
        var pending = await server.WithDatabaseAsync(db => db.Database.GetPendingMigrationsAsync());
        var applied = await server.WithDatabaseAsync(db => db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(pending);
        Assert.NotEmpty(applied);
    }

    [Theory]
    [InlineData("Secrets:CodeHashKey", "REVWRUxPUE1FTlQtT05MWS1zZXNhbWUtY29kZS1oYXNoLWtleS1ub3Qtc2VjcmV0")]
    [InlineData("Mail:KeepSentMessages", "true")]
    [InlineData("Sesame:LocalHttp", "true")]
    [InlineData("Sesame:PublicOrigin", "http://sesame.exemple.ca")]
    [InlineData("Mail:SmtpHost", "")]
    public void Production_refuses_to_start_with_an_unsafe_setting(string key, string value)
    {
        using var host = new ProductionHost(key, value);
        var failure = Assert.ThrowsAny<Exception>(() => host.Start());
        Assert.IsType<OptionsValidationException>(failure.GetBaseException());
    }

    [Fact]
    public void Production_starts_with_a_safe_configuration()
    {
        using var host = new ProductionHost(null, null);
        host.Start();
        Assert.NotNull(host.Services);
    }

    /// <summary>The real server in Production with safe settings, except the one a test makes unsafe.</summary>
    private sealed class ProductionHost(string? key, string? value) : SesameHost
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Sesame:PublicOrigin", "https://sesame.exemple.ca");
            if (key is not null)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
