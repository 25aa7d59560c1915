using System.Security.Cryptography.X509Certificates;
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
    [InlineData("Oidc:SigningCertificates:0:Path", "/nonexistent/signing.pfx")]
    [InlineData("Oidc:EphemeralKeys", "true")]
    [InlineData("Secrets:PersonalDataKeys:0", "1:REVWRUxPUE1FTlQtT05MWS1zZXNhbWUtcGQta2V5LTE=")]
    [InlineData("Secrets:LogRedactionKey", "REVWRUxPUE1FTlQtT05MWS1zZXNhbWUtbG9nLXJlZGFjdGlvbi1rZXktMQ==")]
    [InlineData("Proofing:AcceptSyntheticSin", "true")]
    [InlineData("Retention:AuditTrailYears", "0")]
    [InlineData("Proofing:MountSimulator", "true")]
    [InlineData("Registries:Ramq:BaseAddress", "http://ramq.exemple.ca/")]
    [InlineData("Registries:Saaq:ApiKey", "")]
    public void Production_refuses_to_start_with_an_unsafe_setting(string key, string value)
    {
        using var host = new ProductionHost(key, value);
        var failure = Assert.ThrowsAny<Exception>(() => host.Start());
        var validation = Assert.IsType<OptionsValidationException>(failure is AggregateException many ? Assert.Single(many.InnerExceptions) : failure.GetBaseException());
        Assert.Contains(key.Split(':')[0], string.Join(' ', validation.Failures), StringComparison.Ordinal);
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
        private readonly string _signingCertificate = Path.Combine(Path.GetTempPath(), $"sesame-signing-{Guid.NewGuid():N}.pfx");
        private readonly string _encryptionCertificate = Path.Combine(Path.GetTempPath(), $"sesame-encryption-{Guid.NewGuid():N}.pfx");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Sesame:PublicOrigin", "https://sesame.exemple.ca");
            File.WriteAllBytes(_keyRingCertificate, SelfSignedPkcs12("CN=Sesame key ring", "motdepasse", X509KeyUsageFlags.KeyEncipherment));
            File.WriteAllBytes(_signingCertificate, SelfSignedPkcs12("CN=Sesame signing", "motdepasse", X509KeyUsageFlags.DigitalSignature));
            File.WriteAllBytes(_encryptionCertificate, SelfSignedPkcs12("CN=Sesame encryption", "motdepasse", X509KeyUsageFlags.KeyEncipherment));
            builder.UseSetting("DataProtection:Certificates:0:Path", _keyRingCertificate);
            builder.UseSetting("DataProtection:Certificates:0:Password", "motdepasse");
            builder.UseSetting("Oidc:EphemeralKeys", "false");
            builder.UseSetting("Proofing:AcceptSyntheticSin", "false");
            builder.UseSetting("Oidc:SigningCertificates:0:Path", _signingCertificate);
            builder.UseSetting("Oidc:SigningCertificates:0:Password", "motdepasse");
            builder.UseSetting("Oidc:EncryptionCertificates:0:Path", _encryptionCertificate);
            builder.UseSetting("Oidc:EncryptionCertificates:0:Password", "motdepasse");
            if (key is not null)
            {
                builder.UseSetting(key, value);
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            File.Delete(_keyRingCertificate);
            File.Delete(_signingCertificate);
            File.Delete(_encryptionCertificate);
        }

        private static byte[] SelfSignedPkcs12(string subject, string password, X509KeyUsageFlags usage)
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            var request = new CertificateRequest(
                subject, rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            return certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, password);
        }
    }
}
