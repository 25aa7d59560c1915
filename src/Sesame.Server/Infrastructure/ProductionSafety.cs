using Microsoft.Extensions.Options;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Features.Proofing;
using Sesame.Server.Oidc;

namespace Sesame.Server.Infrastructure;

/// <summary>
/// Start-up refuses an unsafe configuration in Production (architecture.md principle 9): the development
/// code-hashing key, keeping sent mail readable, no SMTP relay, no public origin for mailed links, a key
/// ring stored without encryption.
/// </summary>
public sealed class ProductionSafety(IHostEnvironment environment)
    : IValidateOptions<SecretsOptions>, IValidateOptions<MailOptions>, IValidateOptions<SesameOptions>, IValidateOptions<KeyRingOptions>,
        IValidateOptions<OidcOptions>, IValidateOptions<ProofingSettings>
{
    /// <summary>Synthetic identifiers and the simulated registries never reach Production (architecture.md, principle 9).</summary>
    public ValidateOptionsResult Validate(string? name, ProofingSettings options) =>
        environment.IsProduction() && (options.AcceptSyntheticSin || options.MountSimulator)
            ? ValidateOptionsResult.Fail("Proofing:AcceptSyntheticSin and Proofing:MountSimulator are refused in Production.")
            : ValidateOptionsResult.Success;

    /// <summary>Production signs with its own X.509 certificates: never throwaway or development keys (issue 3, "Keys").</summary>
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        var files = options.SigningCertificates.Concat(options.EncryptionCertificates).ToList();
        if (files.FirstOrDefault(c => !File.Exists(c.Path)) is { } missing)
        {
            return ValidateOptionsResult.Fail($"Oidc certificates name a file that does not exist: \"{missing.Path}\".");
        }

        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Success;
        }

        if (options.EphemeralKeys)
        {
            return ValidateOptionsResult.Fail("Oidc:EphemeralKeys is for tests only.");
        }

        return options.SigningCertificates.Count == 0 || options.EncryptionCertificates.Count == 0
            ? ValidateOptionsResult.Fail("Oidc:SigningCertificates and Oidc:EncryptionCertificates are required in Production.")
            : ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        if (options.Certificates.FirstOrDefault(c => !File.Exists(c.Path)) is { } missing)
        {
            return ValidateOptionsResult.Fail($"DataProtection:Certificates names a file that does not exist: \"{missing.Path}\".");
        }

        return environment.IsProduction() && options.Certificates.Count == 0
            ? ValidateOptionsResult.Fail("DataProtection:Certificates must name at least one certificate in Production.")
            : ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        var failures = new[] { ("CodeHashKey", options.CodeHashKey), ("IdentificationCodeKey", options.IdentificationCodeKey), ("AuditKey", options.AuditKey), ("LogRedactionKey", options.LogRedactionKey) }
            .Select(k => CheckKey(k.Item1, k.Item2))
            .OfType<string>()
            .ToList();
        if (failures.Count == 0 && options.CodeHashKey == options.IdentificationCodeKey)
        {
            failures.Add("Secrets:CodeHashKey and Secrets:IdentificationCodeKey must differ.");
        }

        failures.AddRange(CheckPersonalDataKeys(options));

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> CheckPersonalDataKeys(SecretsOptions options)
    {
        IReadOnlyList<(byte Id, byte[] Key)> keys;
        try
        {
            keys = options.ParsePersonalDataKeys();
        }
        catch (FormatException e)
        {
            return [e.Message];
        }

        if (keys.Count == 0 || keys.Any(k => k.Key.Length != 32) || keys.Select(k => k.Id).Distinct().Count() != keys.Count)
        {
            return ["Secrets:PersonalDataKeys needs at least one key, each of exactly 32 bytes, with distinct ids."];
        }

        return environment.IsProduction() && keys.Any(k => System.Text.Encoding.ASCII.GetString(k.Key).Contains(SecretsOptions.DevelopmentMarker, StringComparison.Ordinal))
            ? ["Secrets:PersonalDataKeys holds the development key; Production needs its own."]
            : [];
    }

    private string? CheckKey(string name, string value)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return $"Secrets:{name} must be base64.";
        }

        if (key.Length < Sesame.Core.Privacy.KeyedHasher.MinimumKeyBytes)
        {
            return $"Secrets:{name} must hold at least 32 bytes.";
        }

        return environment.IsProduction() && System.Text.Encoding.ASCII.GetString(key).Contains(SecretsOptions.DevelopmentMarker, StringComparison.Ordinal)
            ? $"Secrets:{name} is the development key; Production needs its own."
            : null;
    }

    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Success;
        }

        if (options.KeepSentMessages)
        {
            return ValidateOptionsResult.Fail("Mail:KeepSentMessages is for development only.");
        }

        return string.IsNullOrWhiteSpace(options.SmtpHost)
            ? ValidateOptionsResult.Fail("Mail:SmtpHost is required in Production.")
            : ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, SesameOptions options)
    {
        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Success;
        }

        if (options.LocalHttp)
        {
            return ValidateOptionsResult.Fail("Sesame:LocalHttp is for development and tests only.");
        }

        return options.PublicOrigin is not { Scheme: "https" }
            ? ValidateOptionsResult.Fail("Sesame:PublicOrigin must be an https origin in Production.")
            : ValidateOptionsResult.Success;
    }
}
