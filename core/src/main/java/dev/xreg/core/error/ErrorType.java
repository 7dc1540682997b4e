package dev.xreg.core.error;

import java.util.Locale;

/**
 * The xRegistry error catalogue (core spec "Error Processing" and the HTTP binding).
 * Each constant carries its HTTP status and title template; placeholders are
 * {@code <name>} and are filled from the exception's args, {@code <subject>} from its subject.
 */
public enum ErrorType {
  ACTION_NOT_SUPPORTED(405, "The specified action (<action>) is not supported for: <subject>."),
  ANCESTOR_CIRCULAR_REFERENCE(400, "For \"<subject>\", the request would create a circular list of ancestors: <list>."),
  BAD_DEFAULTVERSIONID(400, "For \"<subject>\", an error was found in the \"defaultversionid\" value specified (<value>): <error_detail>."),
  BAD_FILTER(400, "For \"<subject>\", an error was found in \"filter\" value (<value>): <error_detail>."),
  BAD_DETAILS(400, "Use of \"$details\" in this context is not allowed: <subject>."),
  BAD_FLAG(400, "The specified flag (<flag>) is not allowed in this context: <subject>."),
  BAD_IGNORE(400, "For \"<subject>\", an error was found in \"ignore\" value (<value>): <error_detail>."),
  BAD_INLINE(400, "For \"<subject>\", an error was found in \"inline\" value (<value>): <error_detail>."),
  BAD_REQUEST(400, "<error_detail>."),
  BAD_SORT(400, "For \"<subject>\", an error was found in \"sort\" value (<value>): <error_detail>."),
  CANNOT_DOC_XREF(400, "Retrieving the document view of a Version for \"<subject>\" is not allowed because it uses \"xref\"."),
  CAPABILITY_ERROR(400, "There was an error in the capabilities provided: <error_detail>."),
  CAPABILITY_MISSING_VALUE(400, "The \"<name>\" capability needs to contain \"<value>\"."),
  CAPABILITY_UNKNOWN(400, "Unknown capability specified: <field>."),
  CAPABILITY_VALUE(400, "Invalid value (<value>) specified for capability \"<field>\". Allowable values include: <list>."),
  CAPABILITY_WILDCARD(400, "When \"<field>\" includes a value of \"*\" then no other values are allowed."),
  COMPATIBILITY_UNKNOWN(400, "The compatibility value (<compat>) on Resource \"<subject>\" is not supported for format \"<format>\"."),
  COMPATIBILITY_VIOLATION(400, "The request would cause one or more Versions of \"<subject>\" to violate its compatibility rule (<compat>)."),
  CONSTRAINT_FAILURE(400, "The request would result in one or more Versions of \"<subject>\" not being compliant with its owning Group's \"<kind>\" constraint for attribute \"<path>\"."),
  DATA_RETRIEVAL_ERROR(500, "The server was unable to retrieve all of the requested data."),
  DEFAULTVERSIONID_REQUEST(400, "Processing \"<subject>\", the \"defaultversionid\" attribute is not allowed to be \"request\" since a Version wasn't processed."),
  EXTRA_XREF_ATTRIBUTE(400, "Attribute \"<name>\" is not allowed to be present since the \"<singular>\" (<subject>) uses \"xref\"."),
  FORMAT_EXTERNAL(400, "Version \"<subject>\" references a document stored outside of the Registry, therefore no validation was performed."),
  FORMAT_UNKNOWN(400, "Version \"<subject>\" has a \"format\" value (<format>) that it not supported."),
  FORMAT_VIOLATION(400, "The request would cause Version \"<subject>\" to be non-compliant with its \"format\" (<format>)."),
  GROUPS_ONLY(400, "Attribute \"<name>\" is invalid. Only Group types are allowed to be specified on this request: <subject>."),
  HASDOCUMENT_VIOLATION(400, "The request would cause Version \"<subject>\" to be non-compliant. The model definition of \"<plural>\" has \"hasdocument\" set to \"false\" but this Version has document content."),
  INLINE_NONINLINEABLE(400, "Attempting to inline a non-inlineable attribute (<name>) on: <subject>."),
  INVALID_ATTRIBUTE(400, "The attribute \"<name>\" for \"<subject>\" is not valid: <error_detail>."),
  MALFORMED_ID(400, "For \"<subject>\", the specified ID value (<id>) is malformed: <error_detail>."),
  MALFORMED_XID(400, "For \"<subject>\", the specified XID value (<xid>) is malformed: <error_detail>."),
  MALFORMED_XREF(400, "For \"<subject>\", the specified xref value (<xref>) is malformed: <error_detail>."),
  MISMATCHED_EPOCH(400, "The specified epoch value (<bad_epoch>) for \"<subject>\" does not match its current value (<epoch>)."),
  MISMATCHED_ID(400, "The specified \"<singular>id\" value (<invalid_id>) for \"<subject>\" needs to be \"<expected_id>\"."),
  MISMATCHED_VERSION_ATTRIBUTE(400, "The request would cause the \"<name>\" attribute across the Versions of \"<subject>\" to be different."),
  MISPLACED_EPOCH(400, "The specified \"epoch\" value for \"<subject>\" needs to be within a \"meta\" entity."),
  MODEL_COMPLIANCE_ERROR(400, "The model provided would cause one or more entities in the Registry to become non-compliant."),
  MODEL_ERROR(400, "There was an error in the model definition provided: <error_detail>."),
  MODEL_REQUIRED_TRUE(400, "Model attribute \"<name>\" needs to have a \"required\" value of \"true\" since a default value is provided."),
  MODEL_SCALAR_DEFAULT(400, "Model attribute \"<name>\" is not allowed to have a default value since it is not a scalar."),
  MULTIPLE_ROOTS(400, "The operation would result in multiple root Versions for \"<subject>\", which is not allowed for \"<plural>\"."),
  NOT_AVAILABLE(400, "The requested data (<subject>) is not available."),
  NOT_FOUND(404, "The targeted entity (<subject>) cannot be found."),
  ONE_RESOURCE(400, "Only one attribute from \"<list>\" can be present at a time for: <subject>."),
  PARSING_DATA(400, "There was an error parsing the data: <error_detail>."),
  READONLY(400, "Updating a read-only entity (<subject>) is not allowed."),
  REQUIRED_ATTRIBUTE_MISSING(400, "One or more mandatory attributes for \"<subject>\" are missing: <list>."),
  RESOURCES_ONLY(400, "Attribute \"<name>\" is invalid. Only Resource types are allowed to be specified on this request: <subject>."),
  SERVER_BUSY(503, "Due to excessive requests, the server could not complete \"<subject>\", please try again later."),
  SERVER_ERROR(500, "An unexpected error occurred, please try again later."),
  SETDEFAULTVERSIONSTICKY_FALSE(400, "For \"<subject>\", setting \"defaultversionsticky\" to \"true\" is not allowed since \"maxversions\" is \"1\"."),
  SORT_NONCOLLECTION(400, "Can't sort on a non-collection result set. Query path: <subject>."),
  TOO_LARGE(406, "For \"<subject>\", the size of the response is too large to return in a single response."),
  TOO_MANY_VERSIONS(400, "For \"<subject>\", when the \"setdefaultversionid\" flag is set to \"request\", only one Version is allowed to be specified in the request message."),
  UNKNOWN_ATTRIBUTE(400, "An unknown attribute (<name>) was specified for \"<subject>\"."),
  UNKNOWN_GROUP_TYPE(400, "An unknown Group type (<name>) was specified in \"<subject>\"."),
  UNKNOWN_ID(400, "While processing \"<subject>\", the \"<singular>\" with a \"<singular>id\" value of \"<id>\" cannot be found."),
  UNKNOWN_RESOURCE_TYPE(400, "An unknown Resource type (<name>) was specified for Group type \"<group>\"."),
  UNSUPPORTED_SPECVERSION(400, "The specified \"specversion\" value (<specversion>) is not supported. Supported versions: <list>."),
  VERSIONID_NOT_ALLOWED(400, "While creating a new Version for \"<subject>\", a \"versionid\" was specified but the \"setversionid\" model aspect for entities of type \"<plural>\" is \"false\"."),
  API_NOT_FOUND(404, "The specified API is not supported: <subject>.", Source.HTTP),
  DETAILS_REQUIRED(405, "$details suffix is needed when using PATCH for the entity: <subject>.", Source.HTTP),
  EXTRA_XREGISTRY_HEADER(400, "For \"<subject>\", xRegistry HTTP header \"<name>\" is not allowed on this request: <error_detail>.", Source.HTTP),
  HEADER_ERROR(400, "For \"<subject>\", there was an error processing HTTP header \"<name>\": <error_detail>.", Source.HTTP),
  MISSING_BODY(400, "For \"<subject>\", the request is missing an HTTP body - try '{}'.", Source.HTTP),
  MISSING_VERSIONS(400, "For \"<subject>\", at least one Version needs to be included in the request.", Source.HTTP),
  /** Not an xRegistry error: HTTP conditional requests (If-Match) that did not match. */
  PRECONDITION_FAILED(412, "The precondition given for \"<subject>\" does not hold: <error_detail>.", Source.XREG),
  /** Not an xRegistry error: a request without valid credentials where the server needs them (issue 19). */
  UNAUTHORIZED(401, "The request for \"<subject>\" needs authentication: <error_detail>.", Source.XREG),
  /** Not an xRegistry error: a request that presents a wrong admin token (docs/spec-decisions.md D4). */
  FORBIDDEN(403, "The request for \"<subject>\" is not allowed: <error_detail>.", Source.XREG),
  /** Not an xRegistry error: a request body above the configured limit. */
  PAYLOAD_TOO_LARGE(413, "The request body for \"<subject>\" is too large: <error_detail>.", Source.XREG),
  /** Not an xRegistry error: a request body that did not arrive within the body timeout. */
  REQUEST_TIMEOUT(408, "The request for \"<subject>\" did not arrive in time: <error_detail>.", Source.XREG),
  /** Not an xRegistry error: a request line longer than the HTTP layer reads. */
  URI_TOO_LONG(414, "The request target is too long: <error_detail>.", Source.XREG),
  /** Not an xRegistry error: request headers larger than the HTTP layer reads. */
  HEADER_FIELDS_TOO_LARGE(431, "The request headers are too large: <error_detail>.", Source.XREG),
  /** Not an xRegistry error: a client over its rate or upload limit (issue 19); the answer carries Retry-After. */
  TOO_MANY_REQUESTS(429, "Too many requests for \"<subject>\": <error_detail>.", Source.XREG);

  /** Where an error is defined, which decides its {@code type} URI. */
  enum Source {
    CORE("https://github.com/xregistry/spec/blob/main/core/spec.md#"),
    HTTP("https://github.com/xregistry/spec/blob/main/core/http.md#"),
    /** Errors xreg adds beyond the spec's catalogue: a URN of their own, not a made-up spec anchor. */
    XREG("urn:xreg:error:");

    private final String base;

    Source(String base) {
      this.base = base;
    }
  }

  private final int status;
  private final String titleTemplate;
  private final Source source;

  ErrorType(int status, String titleTemplate) {
    this(status, titleTemplate, Source.CORE);
  }

  ErrorType(int status, String titleTemplate, Source source) {
    this.status = status;
    this.titleTemplate = titleTemplate;
    this.source = source;
  }

  /** The code as written in the spec, e.g. {@code malformed_id}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public int status() {
    return status;
  }

  public String titleTemplate() {
    return titleTemplate;
  }

  /** The {@code type} URI of the problem document. */
  public String typeUri() {
    return source.base + code();
  }
}
