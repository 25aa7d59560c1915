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
        if (context.AccessTokenPrincipal?.GetClaim(IdentificationClaims.OrganizationsClaim) is { } organizations)
        {
            context.Claims[IdentificationClaims.OrganizationsClaim] = new OpenIddictParameter(JsonSerializer.Deserialize<JsonElement>(organizations));
        }

        return default;
    }
}
