namespace RendezVousSante;

/// <summary>
/// How this service reaches Sesame (configuration section <c>Sesame</c>): the address of the provider and the
/// credentials Sesame registered the service with. The defaults match the run command's demo service.
/// </summary>
public sealed class SesameSettings
{
    public const string Section = "Sesame";

    /// <summary>Sesame's issuer; discovery is read at <c>{Authority}.well-known/openid-configuration</c>.</summary>
    public Uri Authority { get; set; } = new("http://localhost:5080/");

    public string ClientId { get; set; } = "rendez-vous-sante-demo";

    /// <summary>Sesame's directory of professionals (client credentials, scope annuaire.professionnels).</summary>
    public Uri Directory { get; set; } = new("http://localhost:5080/api/annuaire/professionnels");

    /// <summary>The client secret; a real service keeps it in a secret store, never in appsettings.json.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// Plain-http discovery is accepted only for a Sesame on this machine (the run command and the tests);
    /// anywhere else the metadata, keys and tokens must come over HTTPS.
    /// </summary>
    public bool IsLocalHttp => Authority.Scheme == Uri.UriSchemeHttp && Authority.IsLoopback;

    /// <summary>Sesame's origin, which the pages' forms may lead to (signing in and out redirect there).</summary>
    public string AuthorityOrigin => Authority.GetLeftPart(UriPartial.Authority);
}
