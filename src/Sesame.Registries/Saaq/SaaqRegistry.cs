using System.Globalization;

namespace Sesame.Registries;

/// <summary>Seed 001's section 2, licence choice: what the person agreed to send the SAAQ, and nothing else (no NAM, no NAS).</summary>
public sealed record LicenceVerification(string ReferenceNumber, string GivenName, string FamilyName, DateOnly BirthDate)
{
    public override string ToString() => nameof(LicenceVerification);
}

/// <summary>The SAAQ, as docs/registries.md describes it.</summary>
public interface ISaaqRegistry
{
    Task<RegistryResult> VerifyLicenceAsync(LicenceVerification verification, CancellationToken cancellationToken);
}

internal sealed class SaaqRegistry(RegistryClient client) : ISaaqRegistry
{
    public const string Name = "Saaq";

    public Task<RegistryResult> VerifyLicenceAsync(LicenceVerification verification, CancellationToken cancellationToken) =>
        client.PostAsync(Name, "licence-verification", "saaq/v1/licence-verifications", new WireLicenceVerification(
            verification.ReferenceNumber,
            verification.GivenName,
            verification.FamilyName,
            verification.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), idempotencyKey: null, cancellationToken);

    private sealed record WireLicenceVerification(string ReferenceNumber, string GivenName, string FamilyName, string BirthDate);
}
