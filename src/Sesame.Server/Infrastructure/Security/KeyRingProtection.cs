using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Sesame.Server.Infrastructure.Security;

/// <summary>A PKCS#12 file and its password, from configuration.</summary>
public sealed class CertificateFile
{
    public string Path { get; set; } = "";

    public string? Password { get; set; }

    public X509Certificate2 Load() => X509CertificateLoader.LoadPkcs12FromFile(Path, Password, X509KeyStorageFlags.EphemeralKeySet);
}

/// <summary>
/// The "DataProtection" section. The key ring lives in the database (every node shares it); in Production
/// its keys are encrypted with the first certificate listed, and the others still decrypt older keys, so a
/// certificate can be rotated. Without one, a copy of the database would hold the keys that protect
/// sessions and queued mail.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    public List<CertificateFile> Certificates { get; set; } = [];
}

public static class KeyRingProtection
{
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificates(this IDataProtectionBuilder builder, KeyRingOptions options)
    {
        // A missing file is reported by the start-up validation (ProductionSafety), which fails closed.
        if (options.Certificates.Count == 0 || !options.Certificates.All(c => File.Exists(c.Path)))
        {
            return builder;
        }

        var certificates = options.Certificates.Select(c => c.Load()).ToArray();
        return builder.ProtectKeysWithCertificate(certificates[0]).UnprotectKeysWithAnyCertificate(certificates);
    }
}
