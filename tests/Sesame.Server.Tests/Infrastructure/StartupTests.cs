using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Data;
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
    [InlineData("DataProtection:Certificates:0:Path", "")]
    public void Production_refuses_to_start_with_an_unsafe_setting(string key, string value)
    {
        using var host = new ProductionHost(key, value);
        var failure = Assert.ThrowsAny<Exception>(() => host.Start());
        Assert.IsType<OptionsValidationException>(failure.GetBaseException());
    }

    [Fact]
    public async Task Production_starts_with_a_safe_configuration_and_encrypts_its_key_ring()
    {
        using var host = new ProductionHost(null, null);
        host.Start();
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("bonjour");

        await using var scope = host.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<SesameDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal));
    }

    /// <summary>The real server in Production with safe settings, except the one a test makes unsafe.</summary>
    private sealed class ProductionHost(string? key, string? value) : SesameHost
    {
        private readonly string _keyRingCertificate = Path.Combine(Path.GetTempPath(), $"sesame-keyring-{Guid.NewGuid():N}.pfx");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Sesame:PublicOrigin", "https://sesame.exemple.ca");
            File.WriteAllBytes(_keyRingCertificate, SelfSignedPkcs12("CN=Sesame key ring", "motdepasse"));
            builder.UseSetting("DataProtection:Certificates:0:Path", _keyRingCertificate);
            builder.UseSetting("DataProtection:Certificates:0:Password", "motdepasse");
            if (key is not null)
            {
                builder.UseSetting(key, value);
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            File.Delete(_keyRingCertificate);
        }

        private static byte[] SelfSignedPkcs12(string subject, string password)
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                subject, rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            return certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, password);
        }
    }
}
