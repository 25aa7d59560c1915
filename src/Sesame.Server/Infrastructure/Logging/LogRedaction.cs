using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Sesame.Core.Privacy;

namespace Sesame.Server.Infrastructure.Logging;

/// <summary>
/// Redaction of the server's logs (issue 7, item 4; quality.md: personal information never reaches logs). Every
/// <c>[LoggerMessage]</c> parameter classified in <see cref="SesameTaxonomy"/> passes through a redactor before
/// any provider sees it: personal, sensitive and secret values are erased, pseudonymous ones (account ids, IP
/// addresses) become an HMAC-SHA-256 under <c>Secrets:LogRedactionKey</c>, so that one account can be followed
/// through the logs without the logs naming it. Anything classified otherwise falls back to erasing.
/// </summary>
public static class LogRedaction
{
    public static WebApplicationBuilder AddSesameLogRedaction(this WebApplicationBuilder builder)
    {
        // No per-parameter discriminator: one account gives the same hash in every message that names it, whatever
        // the parameter is called, which is what lets an operator follow it; the key keeps the hash from being reversed.
        builder.Logging.EnableRedaction(o => o.ApplyDiscriminator = false);
        var configuration = builder.Configuration;
        // Read when the redactor is first built, after every configuration source (tests' settings included) is in.
        builder.Services.AddRedaction(redaction => Configure(redaction, () => configuration[$"{SecretsOptions.Section}:{nameof(SecretsOptions.LogRedactionKey)}"] ?? ""));
        return builder;
    }

    /// <summary>The redactor of each class; <paramref name="key"/> gives the base64 HMAC key (validated at start-up by <see cref="ProductionSafety"/>).</summary>
    public static void Configure(IRedactionBuilder redaction, Func<string> key)
    {
        redaction.SetRedactor<ErasingRedactor>(
            new DataClassificationSet(SesameTaxonomy.PersonalData),
            new DataClassificationSet(SesameTaxonomy.SensitiveData),
            new DataClassificationSet(SesameTaxonomy.Secret));
        redaction.SetHmacRedactor(o => o.Key = key(), new DataClassificationSet(SesameTaxonomy.PseudonymousData));
        redaction.SetFallbackRedactor<ErasingRedactor>();
    }
}
