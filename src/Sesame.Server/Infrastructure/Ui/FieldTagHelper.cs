using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Sesame.Server.Infrastructure.Ui;

/// <summary>
/// One form field of the design system (label, hint, errors, input) with the accessibility wiring that is
/// easy to forget by hand: the hint and the errors are tied to the input with aria-describedby, and an
/// input with errors says so with aria-invalid (WCAG 2.2 SC 1.3.1, 3.3.1). Passwords are never echoed back.
/// <code>&lt;sesame-field for="Input.Username" label="Register.Username" hint="Register.Username.Hint" autocomplete="username" /&gt;</code>
/// </summary>
[HtmlTargetElement("sesame-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IStringLocalizer<SharedResource> text, HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = default!;

    /// <summary>Resource key of the label.</summary>
    public string Label { get; set; } = "";

    /// <summary>Resource key of the hint shown under the label, before the person types.</summary>
    public string? Hint { get; set; }

    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public string? Inputmode { get; set; }

    public int Maxlength { get; set; } = 256;

    public bool Required { get; set; } = true;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors : null;
        var hasErrors = errors is { Count: > 0 };
        var describedBy = new List<string>();

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", hasErrors ? "qc-textfield sesame-field sesame-field-invalid" : "qc-textfield sesame-field");

        var html = output.Content;
        html.AppendHtml($"<label class=\"qc-label\" for=\"{id}\">");
        html.Append(text[Label]);
        if (Required)
        {
            html.AppendHtml("<span class=\"qc-required\" aria-hidden=\"true\">*</span>");
        }

        html.AppendHtml("</label>");
        if (Hint is not null)
        {
            describedBy.Add($"{id}-hint");
            html.AppendHtml($"<div class=\"qc-description\" id=\"{id}-hint\">");
            html.Append(text[Hint]);
            html.AppendHtml("</div>");
        }

        if (hasErrors)
        {
            describedBy.Add($"{id}-error");
            html.AppendHtml($"<div class=\"qc-form-error\" id=\"{id}-error\"><ul>");
            foreach (var error in errors!)
            {
                html.AppendHtml("<li>").Append(error.ErrorMessage).AppendHtml("</li>");
            }

            html.AppendHtml("</ul></div>");
        }

        var value = Type == "password" ? null : entry?.AttemptedValue ?? For.Model?.ToString();
        html.AppendHtml($"<input id=\"{id}\" name=\"{encoder.Encode(name)}\" type=\"{encoder.Encode(Type)}\" maxlength=\"{Maxlength}\"");
        if (value is not null)
        {
            html.AppendHtml($" value=\"{encoder.Encode(value)}\"");
        }

        if (Autocomplete is not null)
        {
            html.AppendHtml($" autocomplete=\"{encoder.Encode(Autocomplete)}\"");
        }

        if (Inputmode is not null)
        {
            html.AppendHtml($" inputmode=\"{encoder.Encode(Inputmode)}\"");
        }

        if (Required)
        {
            html.AppendHtml(" required aria-required=\"true\"");
        }

        if (hasErrors)
        {
            html.AppendHtml(" aria-invalid=\"true\"");
        }

        if (describedBy.Count > 0)
        {
            html.AppendHtml($" aria-describedby=\"{string.Join(' ', describedBy)}\"");
        }

        html.AppendHtml(" />");
    }
}

/// <summary>A single checkbox of the design system, with its errors tied to it.</summary>
[HtmlTargetElement("sesame-checkbox", TagStructure = TagStructure.WithoutEndTag)]
public sealed class CheckboxTagHelper(IStringLocalizer<SharedResource> text, HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = default!;

    public string Label { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors : null;
        var hasErrors = errors is { Count: > 0 };
        var isChecked = entry?.AttemptedValue is { } attempted
            ? attempted.Split(',').Contains("true", StringComparer.OrdinalIgnoreCase)
            : For.Model is true;

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", hasErrors ? "qc-checkbox-single qc-checkbox-single-invalid sesame-field" : "qc-checkbox-single sesame-field");
        var html = output.Content;
        if (hasErrors)
        {
            html.AppendHtml($"<div class=\"qc-form-error\" id=\"{id}-error\"><ul>");
            foreach (var error in errors!)
            {
                html.AppendHtml("<li>").Append(error.ErrorMessage).AppendHtml("</li>");
            }

            html.AppendHtml("</ul></div>");
        }

        html.AppendHtml($"<input type=\"checkbox\" id=\"{id}\" name=\"{encoder.Encode(name)}\" value=\"true\"");
        if (isChecked)
        {
            html.AppendHtml(" checked");
        }

        if (hasErrors)
        {
            html.AppendHtml($" aria-invalid=\"true\" aria-describedby=\"{id}-error\"");
        }

        html.AppendHtml($" /><label for=\"{id}\">");
        html.Append(text[Label]);
        html.AppendHtml("</label>");
    }
}
