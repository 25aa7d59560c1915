using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Oidc;

/// <summary>The "Oidc" section: token lifetimes and, in Production, the X.509 certificates of the provider.</summary>
public sealed class OidcOptions
{
    public const string Section = "Oidc";

    /// <summary>Signing certificates (DigitalSignature usage); several at once for rotation, all published in the JWKS.</summary>
    public List<CertificateFile> SigningCertificates { get; set; } = [];

    /// <summary>Encryption certificates (KeyEncipherment usage) for authorization codes and refresh tokens.</summary>
    public List<CertificateFile> EncryptionCertificates { get; set; } = [];

    /// <summary>Use throwaway keys (tests). Refused in Production.</summary>
    public bool EphemeralKeys { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>No longer than a session may last (mission.md §4: 12 hours at most).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
