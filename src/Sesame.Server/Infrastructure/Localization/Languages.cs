using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Filters;
using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Infrastructure.Localization;

/// <summary>French first, English a click away (mission.md: the seeds show "English" on every page).</summary>
public static class Languages
{
    public const string French = "fr";
    public const string English = "en";

    public static readonly string[] Supported = [French, English];

    public static bool IsSupported(string? culture) => culture is French or English;

    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English ? English : French;

    public static string Other => Current == French ? English : French;

    public static RequestLocalizationOptions Options(CookieSettings cookies)
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(French)
            .AddSupportedCultures(Supported)
            .AddSupportedUICultures(Supported);
        // Only the person's choice counts: the cookie, then the default. The browser's Accept-Language is
        // ignored so that the service opens in French as the seeds show it.
        options.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = cookies.Name("sesame-lang") }];
        return options;
    }

    public const string ChosenKey = "Sesame.ChosenLanguage";

    /// <summary>Remembers the choice for the next requests and for the rest of this one.</summary>
    public static void Remember(HttpContext context, string culture)
    {
        if (!IsSupported(culture))
        {
            return;
        }

        var cookies = context.RequestServices.GetRequiredService<CookieSettings>();
        context.Response.Cookies.Append(
            cookies.Name("sesame-lang"),
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            cookies.Options(context, TimeSpan.FromDays(365)));
        context.Items[ChosenKey] = culture;
    }

    /// <summary>
    /// GET /langue?culture=en&amp;retour=/path: for pages without a form. Only local paths are followed
    /// back, so the switch cannot be used as an open redirect.
    /// </summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/langue", (HttpContext context, string? culture, string? retour) =>
        {
            if (!IsSupported(culture))
            {
                return Results.BadRequest();
            }

            Remember(context, culture!);
            return Results.LocalRedirect(IsLocalPath(retour) ? retour! : "/");
        });
        return endpoints;
    }

    public static bool IsLocalPath(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'));
}

/// <summary>
/// Renders the page in the language just chosen. A culture set inside an async page handler is undone when
/// the handler returns, so the handler only records the choice and this filter applies it right before the
/// result runs (the culture then flows into the rendering).
/// </summary>
public sealed class ApplyChosenLanguage : IAsyncResultFilter
{
    public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.HttpContext.Items[Languages.ChosenKey] is string culture)
        {
            var info = CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentCulture = info;
            CultureInfo.CurrentUICulture = info;
        }

        return next();
    }
}
