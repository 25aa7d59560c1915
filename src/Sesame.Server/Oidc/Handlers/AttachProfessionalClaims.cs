using System.Text.Json;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sesame.Server.Oidc.Handlers;

/// <summary>
/// OpenIddict's userinfo endpoint answers the standard claims of the scopes granted; the organizations claim
/// is Sesame's, so it is copied from the access token, where only the allow-list can have put it
/// (<see cref="IdentificationClaims.DestinationsOf"/>). OpenID Connect Core §5.3.2: userinfo returns the same
/// claims as the id_token for the same grant.
/// </summary>
public sealed class AttachProfessionalClaims : IOpenIddictServerHandler<HandleUserInfoRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleUserInfoRequestContext>()
            .UseSingletonHandler<AttachProfessionalClaims>()
            .SetOrder(int.MaxValue - 200_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleUserInfoRequestContext context)
    {
        // Read back from a JWT, an array claim becomes one claim per element (or one array claim, in-process).
        var claims = context.AccessTokenPrincipal?.Claims.Where(c => c.Type == IdentificationClaims.OrganizationsClaim).ToList() ?? [];
        if (claims.Count == 0)
        {
            return default;
        }

        var elements = new List<JsonElement>();
        foreach (var claim in claims)
        {
            var value = JsonSerializer.Deserialize<JsonElement>(claim.Value);
            if (value.ValueKind == JsonValueKind.Array)
            {
                elements.AddRange(value.EnumerateArray());
            }
            else
            {
                elements.Add(value);
            }
        }

        context.Claims[IdentificationClaims.OrganizationsClaim] = new OpenIddictParameter(JsonSerializer.SerializeToElement(elements));
        return default;
    }
}
