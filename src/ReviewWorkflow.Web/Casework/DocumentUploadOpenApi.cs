using Microsoft.OpenApi;

namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// The upload's multipart body in the OpenAPI document. Declared by hand, not with <c>Accepts</c>:
/// that would let routing answer a wrong content type with 415 before the case's visibility (404)
/// and the caller's role (403) are judged.
/// </summary>
public static class DocumentUploadOpenApi
{
    public static RouteHandlerBuilder WithUploadBody(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "file" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "PDF, PNG, JPEG, plain text (UTF-8) or DOCX, typed from its content" },
                                ["stepKey"] = Text("the step it belongs to"),
                                ["itemId"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "the family information item it belongs to" },
                                ["supersedes"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "the document this is a new version of" },
                                ["description"] = Text("what it is"),
                            },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });
}
