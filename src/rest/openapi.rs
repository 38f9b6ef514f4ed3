//! The OpenAPI 3.1 document, generated from the handlers' annotations, and the Swagger UI page at `/api/docs`,
//! whose assets are compiled into the binary (`utoipa-swagger-ui`'s `vendored` feature): it works offline.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

use super::{problem, tags, tasks, transfer};

/// The API as generated from the code.
#[derive(OpenApi)]
#[openapi(
    info(title = "todo-app REST API", version = "1.0.0",
         description = "Tasks and tags of the token's owner. Authenticate with `Authorization: Bearer <personal access token>` (Settings). Errors are RFC 9457 problem+json."),
    paths(
        super::describe,
        tasks::list, tasks::create, tasks::read, tasks::update, tasks::remove, tasks::complete, tasks::reopen,
        tags::list, tags::rename, tags::remove,
        transfer::export, transfer::import,
    ),
    components(schemas(problem::Problem, problem::FieldProblem)),
    modifiers(&BearerAuth),
    tags((name = "tasks", description = "Tasks"), (name = "tags", description = "Tags"),
         (name = "data", description = "Export and import"),
         (name = "service", description = "The service itself")),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("personal access token (todo_pat_…)")
                    .build(),
            ),
        );
    }
}

/// `GET /api/v1/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// `/api/docs`: Swagger UI over the document.
pub fn docs() -> SwaggerUi {
    // The page loads the document from its own route (above); nothing else is served here.
    // No validator badge: it would ask validator.swagger.io about the document (the page must work offline).
    SwaggerUi::new("/api/docs")
        .config(utoipa_swagger_ui::Config::from("/api/v1/openapi.json").validator_url("none"))
}
