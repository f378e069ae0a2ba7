#!/usr/bin/env python3
"""Writes server/src/main/resources/openapi/openapi.json, the OpenAPI 3.0.3 document served at /api/schema/.

Run from the repository root:  python3 docs/tools/gen_openapi.py
The output is committed; SchemaIT checks that every servlet mapping of the running server is in `paths`.
Keep it in step with docs/api.md (same endpoints, parameters and shapes).
"""
import json
import os
import sys

OUT = os.path.join("server", "src", "main", "resources", "openapi", "openapi.json")

# ---------------------------------------------------------------- enums (from the Java sources)
OT_ESTADOS = ["almacenadora", "bodega", "cerrada", "desprendimiento", "disputa", "en_rada", "fact_adicionales",
              "finalizada", "puerto", "transito", "pendiente", "entregado", "facturado", "cerrado", "cancelado"]
OT_TIPOS_OPERACION = ["importacion", "exportacion"]
OT_ESTADOS_PROVISION = ["pendiente", "provisionada", "revision", "disputada"]
OT_ESTADOS_FACTURADO = ["pendiente", "facturado"]
OT_SOURCES = ["", "manual", "csv", "excel"]
OT_ORDERING = ["numero_ot", "fecha_eta", "fecha_llegada", "estado", "created_at"]
PROVIDER_TIPOS = ["naviera", "agente_local", "agencia_aduanal", "agente_origen", "aseguradora", "aerolinea",
                  "consolidadora", "almacenadora", "transportista", "otro"]
PROVIDER_CATEGORIAS = ["internacional", "nacional", "regional"]
INV_PROVIDER_CATEGORY = ["local", "internacional"]
INV_PAYMENT_TYPE = ["contado", "credito"]
INV_PROVISION = ["pendiente", "revision", "disputada", "provisionada", "anulada", "anulada_parcialmente", "rechazada"]
INV_BILLING = ["pendiente", "facturada"]
INV_PAYMENT = ["pendiente", "pagado_parcial", "pagado_total"]
INV_ASSIGNMENT = ["", "ot_directa", "mbl_contenedor", "solo_mbl", "solo_contenedor", "proveedor_fecha", "manual",
                  "no_match"]
INV_SOURCE = ["email_auto", "upload_manual", "csv_import", "upload_auto"]
INV_ORDERING = ["id", "numero_factura", "fecha_emision", "fecha_vencimiento", "fecha_provision", "fecha_facturacion",
                "fecha_pago", "monto", "monto_original", "monto_aplicable", "monto_pagado", "monto_pendiente",
                "proveedor", "proveedor_nombre", "proveedor_nit", "tipo_proveedor", "proveedor_categoria", "ot",
                "ot_number", "tipo_costo", "tipo_pago", "dias_credito_aplicado", "alerta_vencimiento",
                "estado_provision", "estado_facturacion", "estado_pago", "requiere_revision", "confianza_match",
                "assignment_method", "processing_source", "processed_at", "created_at", "updated_at"]

# ---------------------------------------------------------------- schema helpers
S = lambda **kw: dict(kw)
STR = {"type": "string"}
INT = {"type": "integer", "format": "int64"}
BOOL = {"type": "boolean"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
MONEY = {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "description": "decimal as a string, 2 places"}


def nullable(s):
    return dict(s, nullable=True)


def enum(values, **kw):
    return dict({"type": "string", "enum": values}, **kw)


def ref(name):
    return {"$ref": "#/components/schemas/" + name}


def obj(props, required=None, **kw):
    o = {"type": "object", "properties": props}
    if required:
        o["required"] = required
    o.update(kw)
    return o


def qp(name, schema, description, repeatable=False, example=None):
    p = {"name": name, "in": "query", "required": False, "description": description}
    if repeatable:
        p["schema"] = {"type": "array", "items": schema}
        p["style"] = "form"
        p["explode"] = True
    else:
        p["schema"] = schema
    if example is not None:
        p["example"] = example
    return p


def resp(description, schema=None, content_type="application/json", headers=None):
    r = {"description": description}
    if schema is not None:
        r["content"] = {content_type: {"schema": schema}}
    if headers:
        r["headers"] = headers
    return r


def err(description):
    return {"$ref": "#/components/responses/" + description}


def json_body(schema, required=True):
    return {"required": required, "content": {"application/json": {"schema": schema}}}


ID_PATH = {"name": "id", "in": "path", "required": True, "description": "numeric id (1 to 18 digits)",
           "schema": {"type": "integer", "format": "int64", "minimum": 1}}
PAGE = [
    {"$ref": "#/components/parameters/page"},
    {"$ref": "#/components/parameters/page_size"},
]

# ---------------------------------------------------------------- components
schemas = {}

schemas["Error"] = obj({
    "code": S(type="string", description="machine-readable code, e.g. validation_error, not_found, conflict, "
                                         "not_authenticated, permission_denied, throttled, server_busy"),
    "message": S(type="string", description="human-readable summary"),
    "errors": {"type": "array", "description": "one entry per bad field or parameter (empty when not field-related)",
               "items": obj({"field": STR, "message": STR}, ["field", "message"])},
    "detail": S(type="string", description="same text as message (DRF's key)"),
}, ["code", "message", "errors"], example={
    "code": "validation_error", "message": "Invalid input in 2 fields.",
    "errors": [{"field": "page_size", "message": "Must be an integer between 1 and 10000."},
               {"field": "ordering", "message": "\"colour\" is not a valid ordering field."}],
    "detail": "Invalid input in 2 fields."})


def page_of(item):
    return obj({
        "count": S(type="integer", description="rows matching the filters"),
        "next": nullable(S(type="string", format="uri", description="this URL with page+1, or null on the last page")),
        "previous": nullable(S(type="string", format="uri")),
        "page_size": S(type="integer"),
        "total_pages": S(type="integer", description="at least 1"),
        "current_page": S(type="integer"),
        "results": {"type": "array", "items": ref(item)},
    }, ["count", "next", "previous", "page_size", "total_pages", "current_page", "results"])



schemas["TokenObtainRequest"] = obj({"username": STR, "password": S(type="string", format="password")},
                                    ["username", "password"])
schemas["TokenRefreshRequest"] = obj({"refresh": STR}, ["refresh"])
schemas["TokenPair"] = obj({"access": S(type="string", description="JWT (HS256), 60 min by default"),
                            "refresh": S(type="string", description="JWT (HS256), 7 days by default; rotated")},
                           ["access", "refresh"])

schemas["Health"] = obj({"status": enum(["ok"]), "service": STR, "version": STR})
schemas["Readiness"] = obj({"status": enum(["ok", "unavailable"]), "database": enum(["ok", "unreachable"]),
                            "database_ms": S(type="integer"), "code": STR, "message": STR,
                            "errors": {"type": "array", "items": {}}})
schemas["MemoryReport"] = obj({
    "status": enum(["EXCELLENT", "GOOD", "WARNING", "CRITICAL"]),
    "settings": S(type="object", description="effective worker, pool and memory settings"),
}, additionalProperties=True,
    description="status, budget, snapshot (process, heap, non-heap, buffers, GC, system, container), "
                "recommendations, leak trend, history (unless ?history=false), settings")

ot_writable = {
    "numero_ot": S(type="string", maxLength=50, description="trimmed and upper-cased; only A-Z, 0-9 and -"),
    "cliente": S(type="integer", format="int64", description="active client id"),
    "proveedor": nullable(S(type="integer", format="int64", description="active provider (carrier) id")),
    "master_bl": nullable(S(type="string", maxLength=255)),
    "house_bls": {"type": "array", "maxItems": 200, "items": S(type="string", maxLength=255)},
    "contenedores": {"type": "array", "maxItems": 200, "items": S(type="string", maxLength=50),
                     "description": "normalized to ^[A-Z]{4}\\d{7}$, duplicates dropped"},
    "fecha_eta": nullable(DATE), "fecha_llegada": nullable(DATE), "etd": nullable(DATE),
    "puerto_origen": S(type="string", maxLength=100), "puerto_destino": S(type="string", maxLength=100),
    "operativo": S(type="string", maxLength=100),
    "tipo_operacion": enum(OT_TIPOS_OPERACION),
    "tipo_embarque": S(type="string", maxLength=50), "barco": S(type="string", maxLength=200),
    "estado": enum(OT_ESTADOS),
    "estado_source": enum(OT_SOURCES), "fecha_eta_source": enum(OT_SOURCES),
    "fecha_llegada_source": enum(OT_SOURCES), "barco_source": enum(OT_SOURCES),
    "proveedor_source": enum(OT_SOURCES), "puerto_origen_source": enum(OT_SOURCES),
    "puerto_destino_source": enum(OT_SOURCES),
    "fecha_solicitud_facturacion": nullable(DATE), "fecha_recepcion_factura": nullable(DATE),
    "estado_facturado": enum(OT_ESTADOS_FACTURADO),
    "express_release_tipo": S(type="string", maxLength=150), "express_release_fecha": nullable(DATE),
    "contra_entrega_tipo": S(type="string", maxLength=150), "contra_entrega_fecha": nullable(DATE),
    "envio_cierre_ot": nullable(DATE),
    "comentarios": S(type="string", maxLength=10000),
    "provision_hierarchy": S(type="object", additionalProperties=True),
    "fecha_provision": nullable(DATE), "provision_source": enum(OT_SOURCES),
    "provision_locked": BOOL, "provision_updated_by": S(type="string", maxLength=200),
    "estado_provision": enum(OT_ESTADOS_PROVISION),
    "notas": S(type="string", maxLength=10000),
}
ot_read_only = {
    "id": INT, "cliente_nombre": nullable(STR), "proveedor_nombre": nullable(STR), "modificado_por": nullable(INT),
    "estado_facturacion_venta": STR, "monto_total_vendido": MONEY, "monto_total_costos": MONEY,
    "margen_bruto": MONEY, "porcentaje_margen": MONEY, "created_at": DATETIME, "updated_at": DATETIME,
    "estado_display": STR,
}
ot_props = {"id": INT, "numero_ot": STR}
for k in ["cliente", "cliente_nombre", "proveedor", "proveedor_nombre"]:
    ot_props[k] = ot_writable.get(k) or ot_read_only[k]
for k, v in ot_writable.items():
    ot_props.setdefault(k, v)
for k, v in ot_read_only.items():
    ot_props.setdefault(k, dict(v, readOnly=True) if "$ref" not in v else v)
schemas["OT"] = obj(ot_props, ["id", "numero_ot", "cliente"], example={
    "id": 12, "numero_ot": "OT-25-000012", "cliente": 3, "cliente_nombre": "Acme S.A. de C.V.", "proveedor": 1,
    "proveedor_nombre": "MAERSK LINE", "master_bl": "MAEU123456789", "house_bls": ["HBL2025000123"],
    "contenedores": ["MSCU1234567"], "fecha_eta": "2025-03-01", "estado": "transito",
    "estado_provision": "pendiente", "created_at": "2025-01-20T15:04:05.123456Z"})
schemas["OTWrite"] = obj(dict(ot_writable), ["numero_ot", "cliente"], additionalProperties=False,
                         description="POST and PUT need numero_ot and cliente; PATCH needs nothing. Read-only fields "
                                     "of the OT are accepted and ignored; any other unknown field is a 400.")
schemas["OTPatch"] = obj(dict(ot_writable), additionalProperties=False)

provider_props = {
    "id": dict(INT, readOnly=True),
    "nombre": S(type="string", maxLength=255), "nit": nullable(S(type="string", maxLength=20)),
    "tipo": enum(PROVIDER_TIPOS, default="otro"), "categoria": enum(PROVIDER_CATEGORIAS, default="nacional"),
    "tiene_credito": dict(BOOL, default=False), "dias_credito": S(type="integer", minimum=0, maximum=3650, default=0),
    "is_active": dict(BOOL, default=True), "email": S(type="string", maxLength=254),
    "telefono": S(type="string", maxLength=20), "direccion": S(type="string", maxLength=2000),
    "contacto": S(type="string", maxLength=255), "notas": S(type="string", maxLength=10000),
    "created_at": dict(DATETIME, readOnly=True), "updated_at": dict(DATETIME, readOnly=True),
}
schemas["Provider"] = obj(provider_props, ["id", "nombre"], example={
    "id": 1, "nombre": "MAERSK LINE", "nit": None, "tipo": "naviera", "categoria": "internacional",
    "tiene_credito": False, "dias_credito": 0, "is_active": True, "email": "", "telefono": "", "direccion": "",
    "contacto": "", "notas": "", "created_at": "2025-01-02T10:00:00Z", "updated_at": "2025-01-02T10:00:00Z"})
schemas["ProviderCreate"] = obj({k: v for k, v in provider_props.items()
                                 if k not in ("id", "created_at", "updated_at")}, ["nombre"],
                                additionalProperties=False)

client_props = {
    "id": dict(INT, readOnly=True), "original_name": S(type="string", maxLength=500),
    "normalized_name": S(type="string", maxLength=500,
                         description="derived when absent: upper-cased, spaces collapsed, trailing .,; removed"),
    "short_name": nullable(S(type="string", maxLength=50)), "merged_into": dict(nullable(INT), readOnly=True),
    "provider": nullable(INT), "is_verified": BOOL, "verified_at": dict(nullable(DATETIME), readOnly=True),
    "usage_count": S(type="integer", readOnly=True, description="active OTs of the client"),
    "created_at": dict(DATETIME, readOnly=True), "updated_at": dict(DATETIME, readOnly=True),
}
schemas["Client"] = obj(client_props, ["id", "original_name"], example={
    "id": 3, "original_name": "Acme S.A. de C.V.", "normalized_name": "ACME S.A. DE C.V", "short_name": None,
    "merged_into": None, "provider": None, "is_verified": False, "verified_at": None, "usage_count": 14,
    "created_at": "2025-01-02T10:00:00Z", "updated_at": "2025-01-02T10:00:00Z"})
schemas["ClientCreate"] = obj({k: client_props[k] for k in
                               ["original_name", "normalized_name", "short_name", "provider", "is_verified"]},
                              ["original_name"], additionalProperties=False)

inv_writable = {
    "numero_factura": S(type="string", maxLength=64),
    "fecha_emision": DATE,
    "tipo_pago": enum(INV_PAYMENT_TYPE),
    "monto_original": nullable(S(type="string", format="decimal", description="decimal >= 0, 2 places")),
    "monto": S(type="string", format="decimal", description="decimal >= 0.01, 10 integer digits, 2 places; "
                                                           "a JSON number is accepted too"),
    "monto_aplicable": nullable(S(type="string", format="decimal",
                                  description="clamped to 0..monto; follows monto when monto changes and it is "
                                              "not sent")),
    "estado_pago": enum(INV_PAYMENT, description="recomputed from monto_pagado on save"),
    "monto_pagado": S(type="string", format="decimal", description="clamped to 0..monto_aplicable"),
    "fecha_pago": nullable(DATE),
    "tipo_costo": S(type="string", maxLength=50, description="cost type code; upper-cased, spaces become _"),
    "proveedor": nullable(S(type="integer", format="int64")),
    "proveedor_nombre": S(type="string", maxLength=255, description="copied from proveedor when blank"),
    "proveedor_nit": S(type="string", maxLength=64),
    "tipo_proveedor": enum(PROVIDER_TIPOS),
    "proveedor_categoria": enum(INV_PROVIDER_CATEGORY),
    "ot": nullable(S(type="integer", format="int64", description="OT id; ot_number is copied from it")),
    "estado_provision": enum(INV_PROVISION), "fecha_provision": nullable(DATE),
    "estado_facturacion": enum(INV_BILLING), "fecha_facturacion": nullable(DATE),
    "requiere_revision": BOOL,
    "confianza_match": S(type="string", format="decimal", description="0 to 1, 3 places"),
    "assignment_method": enum(INV_ASSIGNMENT),
    "referencias_detectadas": S(type="object", additionalProperties=True),
    "processed_by": S(type="string", maxLength=255),
    "processing_source": enum(INV_SOURCE[:3]),
    "notas": S(type="string", maxLength=65535),
}
inv_props = {
    "id": dict(INT, readOnly=True), "numero_factura": STR, "fecha_emision": DATE,
    "fecha_vencimiento": dict(nullable(DATE), readOnly=True, description="fecha_emision + credit days (credito)"),
    "tipo_pago": enum(INV_PAYMENT_TYPE), "dias_credito_aplicado": dict(S(type="integer"), readOnly=True),
    "alerta_vencimiento": dict(BOOL, readOnly=True),
    "monto_original": nullable(MONEY), "monto": MONEY, "monto_aplicable": nullable(MONEY),
    "estado_pago": enum(INV_PAYMENT), "monto_pagado": MONEY, "monto_pendiente": dict(MONEY, readOnly=True),
    "fecha_pago": nullable(DATE), "tipo_costo": STR, "tipo_costo_display": dict(STR, readOnly=True),
    "proveedor": nullable(INT), "proveedor_nombre": STR, "proveedor_nit": STR, "tipo_proveedor": STR,
    "proveedor_categoria": STR, "ot": nullable(INT), "ot_number": dict(STR, readOnly=True),
    "ot_data": dict(nullable(obj({"id": INT, "numero_ot": STR, "cliente": nullable(STR), "master_bl": nullable(STR),
                                  "contenedores": {"type": "array", "items": STR}, "naviera": nullable(STR),
                                  "barco": nullable(STR)})), readOnly=True),
    "estado_provision": enum(INV_PROVISION), "fecha_provision": nullable(DATE),
    "estado_facturacion": enum(INV_BILLING), "fecha_facturacion": nullable(DATE),
    "requiere_revision": BOOL, "confianza_match": S(type="string", description="decimal 0..1, 3 places"),
    "assignment_method": STR, "referencias_detectadas": S(type="object", additionalProperties=True),
    "uploaded_file": dict(nullable(INT), readOnly=True), "processed_at": dict(nullable(DATETIME), readOnly=True),
    "processed_by": STR, "processing_source": STR, "notas": STR,
    "created_at": dict(DATETIME, readOnly=True), "updated_at": dict(DATETIME, readOnly=True),
}
schemas["Invoice"] = obj(inv_props, ["id", "numero_factura", "fecha_emision", "monto"], example={
    "id": 501, "numero_factura": "F-2025-0042", "fecha_emision": "2025-02-03", "fecha_vencimiento": "2025-03-05",
    "tipo_pago": "credito", "dias_credito_aplicado": 30, "alerta_vencimiento": False, "monto_original": "1500.00",
    "monto": "1500.00", "monto_aplicable": "1500.00", "estado_pago": "pendiente", "monto_pagado": "0.00",
    "monto_pendiente": "1500.00", "fecha_pago": None, "tipo_costo": "FLETE", "tipo_costo_display": "Flete",
    "proveedor": 1, "proveedor_nombre": "MAERSK LINE", "proveedor_nit": "", "tipo_proveedor": "naviera",
    "proveedor_categoria": "internacional", "ot": 12, "ot_number": "OT-25-000012",
    "ot_data": {"id": 12, "numero_ot": "OT-25-000012", "cliente": "Acme S.A. de C.V.",
                "master_bl": "MAEU123456789", "contenedores": ["MSCU1234567"], "naviera": "MAERSK LINE",
                "barco": "MSC ANNA"},
    "estado_provision": "pendiente", "fecha_provision": None, "estado_facturacion": "pendiente",
    "fecha_facturacion": None, "requiere_revision": False, "confianza_match": "0.000", "assignment_method": "",
    "referencias_detectadas": {}, "uploaded_file": None, "processed_at": None, "processed_by": "",
    "processing_source": "upload_manual", "notas": "", "created_at": "2025-02-03T16:20:00Z",
    "updated_at": "2025-02-03T16:20:00Z"})
schemas["InvoiceWrite"] = obj(dict(inv_writable), ["numero_factura", "fecha_emision", "monto"],
                              additionalProperties=False,
                              description="POST and PUT need numero_factura, fecha_emision, monto and proveedor_nombre "
                                          "(or proveedor); PATCH needs nothing. Read-only fields of the invoice are "
                                          "accepted and ignored; any other unknown field is a 400.")
schemas["InvoicePatch"] = obj(dict(inv_writable), additionalProperties=False)

schemas["CostType"] = obj({"id": INT, "code": S(type="string", description="e.g. FLETE"), "name": STR,
                           "is_linked_to_ot": S(type="boolean",
                                                description="invoices of this type copy their OT's provision and "
                                                            "billing dates"),
                           "is_active": BOOL, "display_order": S(type="integer")},
                          ["id", "code", "name"], example={"id": 1, "code": "FLETE", "name": "Flete",
                                                           "is_linked_to_ot": True, "is_active": True,
                                                           "display_order": 10})

for name in ["OT", "Provider", "Client", "Invoice", "CostType"]:
    schemas[name + "Page"] = page_of(name)

schemas["UploadResult"] = obj({
    "total": S(type="integer", description="files received"),
    "processed": S(type="integer", description="invoices created"),
    "duplicates": S(type="integer"), "errors": S(type="integer"),
    "patterns_available": S(type="integer", description="always 0 (no PDF parsing)"),
    "results": obj({
        "success": {"type": "array", "items": obj({
            "filename": STR, "file_id": INT, "invoice_id": INT,
            "numero_factura": S(type="string", description="TEMP- and 12 hex digits"),
            "monto": S(type="number"), "fecha_emision": DATE, "confidence": S(type="number"),
            "requiere_revision": BOOL, "ot_matched": BOOL, "match_method": nullable(STR),
            "numero_contenedor": nullable(STR), "mbl": nullable(STR), "size": S(type="integer"), "message": STR})},
        "errors": {"type": "array", "items": obj({"filename": STR, "error": STR})},
        "duplicates": {"type": "array", "items": obj({"filename": STR, "reason": STR})},
        "patterns_used": {"type": "array", "items": {}},
    }, ["success", "errors", "duplicates", "patterns_used"]),
}, ["total", "processed", "duplicates", "errors", "patterns_available", "results"])
schemas["UploadRequest"] = obj({
    "proveedor_id": S(type="integer", description="required: a live provider id"),
    "tipo_costo": S(type="string", default="OTRO", description="an active cost type code"),
    "auto_parse": S(type="string", description="accepted and ignored (no PDF parsing)"),
    "files[]": {"type": "array", "items": S(type="string", format="binary"),
                "description": "PDF, XML or JSON by content; 10 MiB each, 20 per request by default "
                               "(the field may also be named files)"},
}, ["proveedor_id", "files[]"])

row_entry = obj({"row": {"description": "row number, or N/A"}, "ot": STR, "type": STR, "message": STR, "file": STR})
schemas["ImportResult"] = obj({
    "success": BOOL, "has_conflicts": BOOL, "total_rows": S(type="integer"),
    "processed": S(type="integer", description="created + updated + skipped"),
    "created": S(type="integer"), "updated": S(type="integer"), "skipped": S(type="integer"),
    "conflicts": {"type": "array", "items": obj({
        "type": enum(["cliente", "operativo", "resumen"]), "ot": STR, "file": STR, "row": {},
        "valor_actual": nullable(STR), "valor_nuevo": nullable(STR),
        "valores": {"type": "array", "items": {}}, "message": STR})},
    "errors": {"type": "array", "items": row_entry, "description": "at most 100 per file, then one summary entry"},
    "warnings": {"type": "array", "items": row_entry},
    "message": STR,
    "files": {"type": "array", "items": obj({
        "file": STR, "status": STR, "total_rows": S(type="integer"), "created": S(type="integer"),
        "updated": S(type="integer"), "skipped": S(type="integer"), "errors": S(type="integer"),
        "warnings": S(type="integer")})},
}, ["success", "has_conflicts", "total_rows", "processed", "created", "updated", "skipped", "conflicts", "errors",
    "warnings", "message"])
schemas["ImportRequest"] = obj({
    "files": {"type": "array", "items": S(type="string", format="binary"),
              "description": ".xlsx or .csv, 10 MB each, at most 20 (OT_IMPORT_* limits); .xls is refused per file"},
    "tipos_operacion": S(type="string", description="JSON array, one value per file: importacion|exportacion "
                                                    "(absent: importacion for all)", example='["importacion"]'),
}, ["files"])

parameters = {
    "page": {"name": "page", "in": "query", "required": False,
             "description": "page number from 1; a page past the last is a 404",
             "schema": {"type": "integer", "minimum": 1, "default": 1}},
    "page_size": {"name": "page_size", "in": "query", "required": False,
                  "description": "rows per page, 1..10000 (0 or 10001 is a 400); rows are streamed",
                  "schema": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 25}},
}

env = lambda d: resp(d, ref("Error"))
responses = {
    "BadRequest": env("validation error: every bad field or parameter is listed in `errors`"),
    "Unauthorized": dict(env("no, invalid or expired access token (`WWW-Authenticate: Bearer`)")),
    "Forbidden": env("the caller's role may not do this"),
    "NotFound": env("no such path, id missing or soft-deleted, or page past the end"),
    "MethodNotAllowed": env("method not supported on this path"),
    "Conflict": env("unique conflict; the field is named in `errors`"),
    "PayloadTooLarge": env("body larger than allowed"),
    "UnsupportedMediaType": env("wrong Content-Type"),
    "TooManyRequests": env("too many failed logins (`Retry-After` seconds)"),
    "ServiceUnavailable": env("worker queue full (`server_busy`), memory pressure on heavy endpoints "
                              "(`memory_pressure`) or request timeout (`request_timeout`); see `Retry-After`"),
}

# ---------------------------------------------------------------- paths
COMMON = {"401": err("Unauthorized"), "503": err("ServiceUnavailable")}


def op(op_id, tag, summary, description, responses_, params=None, body=None, public=False, roles=None):
    o = {"operationId": op_id, "tags": [tag], "summary": summary, "description": description}
    if roles:
        o["description"] += "\n\nRoles: " + roles + "."
    if params:
        o["parameters"] = params
    if body:
        o["requestBody"] = body
    r = dict(responses_)
    if not public:
        for k, v in COMMON.items():
            r.setdefault(k, v)
    o["responses"] = dict(sorted(r.items()))
    if public:
        o["security"] = []
    return o


ANY = "any authenticated role"
MANAGERS = "admin, jefe_operaciones (others: 403)"
UPDATERS = "admin, jefe_operaciones: every field; finanzas: only {f} (403 otherwise); operativo: 403"
OT_FIN = "estado, estado_provision, estado_facturado, fecha_provision, fecha_recepcion_factura, provision_hierarchy, " \
         "comentarios"
INV_FIN = "estado_provision, estado_facturacion, estado_pago, monto_pagado, fecha_pago, notas"

OT_FILTERS = [
    qp("proveedor_id", INT, "carrier id, exact"),
    qp("cliente_id", INT, "client id, exact"),
    qp("estado", STR, "status, case-insensitive; aliases en_transito, tránsito, en tránsito, transit (transito); "
                      "en rada, rada (en_rada); fact adicionales, facturacion adicional (fact_adicionales). "
                      "Known values: " + ", ".join(OT_ESTADOS) + ". Unknown: 400", repeatable=True),
    qp("proveedor", STR, "carrier nombre, case-insensitive exact", repeatable=True),
    qp("cliente", STR, "client original_name, case-insensitive exact", repeatable=True),
    qp("operativo", STR, "case-insensitive exact", repeatable=True),
    qp("estado_provision", enum(OT_ESTADOS_PROVISION), "case-insensitive"),
    qp("estado_facturado", enum(OT_ESTADOS_FACTURADO), "case-insensitive"),
    qp("tipo_operacion", enum(OT_TIPOS_OPERACION), "case-insensitive"),
    qp("mbl", STR, "contained in master_bl, case-insensitive", repeatable=True),
    qp("contenedor", STR, "contained in a container number (upper-cased)", repeatable=True),
    qp("numero_ot", STR, "contained in numero_ot, case-insensitive", repeatable=True),
    qp("search", STR, "the text, and its letters and digits alone, contained in numero_ot, master_bl, notas, client "
                      "names, carrier name, operativo, barco, containers or house BLs"),
    qp("puerto_destino", STR, "exact"),
    qp("ordering", STR, "comma-separated fields of " + ", ".join(OT_ORDERING) + ", each optionally prefixed "
                        "with - (descending); default -created_at; ties broken by id", example="-fecha_eta"),
]
INV_FILTERS = [
    qp("estado_provision", STR, "comma-separated list of " + ", ".join(INV_PROVISION) + " (IN)",
       example="pendiente,revision"),
    qp("estado_facturacion", enum(INV_BILLING), "exact"),
    qp("estado_pago", enum(INV_PAYMENT), "exact"),
    qp("excluir_pagadas", STR, "true: leaves out estado_pago=pagado_total"),
    qp("requiere_revision", STR, "true matches true; any other value matches false"),
    qp("tipo_costo", STR, "cost type code, exact"),
    qp("proveedor", INT, "provider id, exact"),
    qp("proveedor_nombre", STR, "contained in proveedor_nombre, case-insensitive"),
    qp("ot_number", STR, "contained in ot_number, case-insensitive"),
    qp("ot", INT, "OT id, exact (alias ot_id)"),
    qp("ot_id", INT, "alias of ot"),
    qp("fecha_emision_desde", DATE, "issue date >= (alias fecha_desde)"),
    qp("fecha_desde", DATE, "alias of fecha_emision_desde"),
    qp("fecha_emision_hasta", DATE, "issue date <= (alias fecha_hasta)"),
    qp("fecha_hasta", DATE, "alias of fecha_emision_hasta"),
    qp("search", STR, "contained in numero_factura, proveedor_nombre, ot_number or notas, case-insensitive"),
    qp("ordering", STR, "comma-separated fields of " + ", ".join(INV_ORDERING) + ", each optionally prefixed with "
                        "-; replaces the default order (provision-status priority, -fecha_emision, -created_at); "
                        "ties broken by -id", example="-monto"),
]
FORMAT = qp("format", enum(["xlsx", "excel", "csv"], default="xlsx"),
            "xlsx (also excel) or csv (UTF-8 with BOM); case-insensitive")


def download(desc):
    return {"200": {"description": desc, "headers": {
        "Content-Disposition": {"schema": STR, "description": "attachment; filename=\"...\"; filename*=UTF-8''..."}},
        "content": {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                "schema": {"type": "string", "format": "binary"}},
            "text/csv": {"schema": {"type": "string", "format": "binary"}}}},
        "400": err("BadRequest")}


paths = {}

paths["/api/token/"] = {"post": op(
    "token_obtain", "authentication", "Log in: username and password for an access/refresh token pair",
    "SimpleJWT's TokenObtainPairView. Also answers without the trailing slash. Unknown user, wrong password and "
    "inactive user all get 401 `No active account found with the given credentials`. Failed logins are limited per "
    "username and per client address (429 with Retry-After).",
    {"200": resp("token pair (`Cache-Control: no-store`)", ref("TokenPair")), "400": err("BadRequest"),
     "401": err("Unauthorized"), "405": err("MethodNotAllowed"), "415": err("UnsupportedMediaType"),
     "429": err("TooManyRequests")},
    body=json_body(ref("TokenObtainRequest")), public=True)}
paths["/api/token/refresh/"] = {"post": op(
    "token_refresh", "authentication", "Rotate a refresh token for a new pair",
    "The old refresh token is blacklisted; using it again is 401 `Token is blacklisted`. Also answers without the "
    "trailing slash.",
    {"200": resp("new token pair", ref("TokenPair")), "400": err("BadRequest"), "401": err("Unauthorized"),
     "405": err("MethodNotAllowed"), "415": err("UnsupportedMediaType")},
    body=json_body(ref("TokenRefreshRequest")), public=True)}

paths["/api/ots/"] = {
    "get": op("ots_list", "ots", "List OTs",
              "Active OTs, newest first. Repeatable parameters are ORed (`?estado=a&estado=b`). Two SQL statements "
              "per request whatever page_size.", {"200": resp("a page of OTs", ref("OTPage")),
                                                  "400": err("BadRequest"), "404": err("NotFound")},
              params=OT_FILTERS + PAGE, roles=ANY),
    "post": op("ots_create", "ots", "Create an OT",
               "Save rules: numero_ot trimmed and upper-cased; containers normalized, validated and de-duplicated; "
               "blank operativo, tipo_embarque, barco, express_release_tipo, contra_entrega_tipo become -; "
               "estado_facturado and estado_provision derived from their dates. A numero_ot already used (also by a "
               "deleted OT) is a 409.",
               {"201": resp("the created OT", ref("OT")), "400": err("BadRequest"), "403": err("Forbidden"),
                "409": err("Conflict"), "413": err("PayloadTooLarge"), "415": err("UnsupportedMediaType")},
               body=json_body(ref("OTWrite")), roles=MANAGERS),
}
paths["/api/ots/{id}/"] = {
    "parameters": [ID_PATH],
    "get": op("ots_retrieve", "ots", "Get an OT", "404 for a missing or soft-deleted id.",
              {"200": resp("the OT", ref("OT")), "404": err("NotFound")}, roles=ANY),
    "put": op("ots_update", "ots", "Replace an OT",
              "Needs numero_ot and cliente; absent fields are left unchanged (as DRF); save rules re-applied.",
              {"200": resp("the OT", ref("OT")), "400": err("BadRequest"), "403": err("Forbidden"),
               "404": err("NotFound"), "409": err("Conflict"), "415": err("UnsupportedMediaType")},
              body=json_body(ref("OTWrite")), roles=UPDATERS.format(f=OT_FIN)),
    "patch": op("ots_partial_update", "ots", "Change some fields of an OT", "Only the fields sent change.",
                {"200": resp("the OT", ref("OT")), "400": err("BadRequest"), "403": err("Forbidden"),
                 "404": err("NotFound"), "409": err("Conflict"), "415": err("UnsupportedMediaType")},
                body=json_body(ref("OTPatch")), roles=UPDATERS.format(f=OT_FIN)),
    "delete": op("ots_destroy", "ots", "Soft-delete an OT",
                 "Sets is_deleted and deleted_at; the OT disappears from lists and gets.",
                 {"204": resp("deleted"), "403": err("Forbidden"), "404": err("NotFound")}, roles=MANAGERS),
}
paths["/api/ots/export-excel/"] = {"get": op(
    "ots_export", "exports", "Export the OT list as XLSX or CSV",
    "Every OT of the list filters and ordering (pagination ignored) as the 27-column sheet `OTs`, file "
    "`OTs_{count}_registros_{YYYYmmdd_HHMMSS}.xlsx` (UTC), streamed from one snapshot. Also without the trailing "
    "slash. 503 `memory_pressure` while memory is CRITICAL.",
    download("the file"), params=OT_FILTERS + [FORMAT], roles=ANY)}
paths["/api/ots/import_excel/"] = {"post": op(
    "ots_import_excel", "imports", "Import OTs from .xlsx/.csv files",
    "multipart/form-data, streamed. Each file is validated first (client/operativo conflicts against the database and "
    "between files stop the whole request with 409 before any write); a file with any row error is not written. "
    "Status 200 (something processed or no errors), 207 (errors and nothing processed), 409 (conflicts). "
    "Also without the trailing slash.",
    {"200": resp("import report", ref("ImportResult")), "207": resp("errors, nothing imported", ref("ImportResult")),
     "409": resp("client/operativo conflicts, nothing imported", ref("ImportResult")), "400": err("BadRequest"),
     "403": err("Forbidden"), "413": err("PayloadTooLarge"), "415": err("UnsupportedMediaType")},
    body={"required": True, "content": {"multipart/form-data": {"schema": ref("ImportRequest")}}}, roles=MANAGERS)}

paths["/api/catalogs/providers/"] = {
    "get": op("providers_list", "providers", "List providers", "Ordered by nombre.",
              {"200": resp("a page of providers", ref("ProviderPage")), "400": err("BadRequest"),
               "404": err("NotFound")},
              params=[qp("search", STR, "contained in nombre or nit, case-insensitive"),
                      qp("tipo", enum(PROVIDER_TIPOS), "exact"), qp("categoria", enum(PROVIDER_CATEGORIAS), "exact"),
                      qp("is_active", enum(["true", "false", "True", "False", "1", "0"]), "active flag")] + PAGE,
              roles=ANY),
    "post": op("providers_create", "providers", "Create a provider",
               "nombre trimmed (unique: 409); nit trimmed and upper-cased (unique: 409).",
               {"201": resp("the provider", ref("Provider")), "400": err("BadRequest"), "403": err("Forbidden"),
                "409": err("Conflict"), "415": err("UnsupportedMediaType")},
               body=json_body(ref("ProviderCreate")), roles=MANAGERS),
}
paths["/api/catalogs/providers/{id}/"] = {
    "parameters": [ID_PATH],
    "get": op("providers_retrieve", "providers", "Get a provider", "PUT, PATCH and DELETE are 405.",
              {"200": resp("the provider", ref("Provider")), "404": err("NotFound"), "405": err("MethodNotAllowed")},
              roles=ANY)}
paths["/api/clients/"] = {
    "get": op("clients_list", "clients", "List clients",
              "Ordered by -usage_count, normalized_name (usage = active OTs of the client).",
              {"200": resp("a page of clients", ref("ClientPage")), "400": err("BadRequest"),
               "404": err("NotFound")},
              params=[qp("search", STR, "contained in original, normalized or short name, case-insensitive"),
                      qp("is_verified", enum(["true", "false", "True", "False", "1", "0"]), "verified flag")] + PAGE,
              roles=ANY),
    "post": op("clients_create", "clients", "Create a client", "short_name unique (409).",
               {"201": resp("the client", ref("Client")), "400": err("BadRequest"), "403": err("Forbidden"),
                "409": err("Conflict"), "415": err("UnsupportedMediaType")},
               body=json_body(ref("ClientCreate")), roles=MANAGERS),
}
paths["/api/clients/{id}/"] = {
    "parameters": [ID_PATH],
    "get": op("clients_retrieve", "clients", "Get a client", "PUT, PATCH and DELETE are 405.",
              {"200": resp("the client", ref("Client")), "404": err("NotFound"), "405": err("MethodNotAllowed")},
              roles=ANY)}

paths["/api/invoices/"] = {
    "get": op("invoices_list", "invoices", "List invoices",
              "Live invoices; default order: provision-status priority (pendiente, revision, disputada, provisionada, "
              "rechazada, anulada, anulada_parcialmente, other), then -fecha_emision, -created_at (read from an "
              "index). Count and page come from one snapshot. The trailing slash is required.",
              {"200": resp("a page of invoices", ref("InvoicePage")), "400": err("BadRequest"),
               "404": err("NotFound")},
              params=INV_FILTERS + PAGE, roles=ANY),
    "post": op("invoices_create", "invoices", "Create an invoice",
               "Save rules: ot_number copied from the OT; provider name and NIT copied from proveedor when blank; "
               "credito: fecha_vencimiento = fecha_emision + provider credit days; monto_aplicable clamped to "
               "0..monto; monto_pagado clamped, estado_pago and monto_pendiente computed; linked cost types copy the "
               "OT's provision and billing dates; a date sets the matching status. Duplicate numero_factura for the "
               "same provider is a 409.",
               {"201": resp("the invoice", ref("Invoice")), "400": err("BadRequest"), "403": err("Forbidden"),
                "409": err("Conflict"), "413": err("PayloadTooLarge"), "415": err("UnsupportedMediaType")},
               body=json_body(ref("InvoiceWrite")), roles=MANAGERS),
}
paths["/api/invoices/{id}/"] = {
    "parameters": [ID_PATH],
    "get": op("invoices_retrieve", "invoices", "Get an invoice", "404 for a missing or soft-deleted id.",
              {"200": resp("the invoice", ref("Invoice")), "404": err("NotFound")}, roles=ANY),
    "put": op("invoices_update", "invoices", "Replace an invoice",
              "Needs the create's required fields; save rules re-applied.",
              {"200": resp("the invoice", ref("Invoice")), "400": err("BadRequest"), "403": err("Forbidden"),
               "404": err("NotFound"), "409": err("Conflict"), "415": err("UnsupportedMediaType")},
              body=json_body(ref("InvoiceWrite")), roles=UPDATERS.format(f=INV_FIN)),
    "patch": op("invoices_partial_update", "invoices", "Change some fields of an invoice",
                "Only the fields sent change; save rules re-applied.",
                {"200": resp("the invoice", ref("Invoice")), "400": err("BadRequest"), "403": err("Forbidden"),
                 "404": err("NotFound"), "409": err("Conflict"), "415": err("UnsupportedMediaType")},
                body=json_body(ref("InvoicePatch")), roles=UPDATERS.format(f=INV_FIN)),
    "delete": op("invoices_destroy", "invoices", "Soft-delete an invoice", "Sets is_deleted and deleted_at.",
                 {"204": resp("deleted"), "403": err("Forbidden"), "404": err("NotFound")}, roles=MANAGERS),
}
paths["/api/invoices/export-excel/"] = {"get": op(
    "invoices_export", "exports", "Export the invoice list as XLSX or CSV",
    "Every invoice of the list filters and ordering (pagination ignored) as the 24-column sheet `Facturas`, file "
    "`Facturas_{count}_registros_{YYYYmmdd_HHMMSS}.xlsx` (UTC), streamed from one snapshot. Also without the "
    "trailing slash. 503 `memory_pressure` while memory is CRITICAL.",
    download("the file"), params=INV_FILTERS + [FORMAT], roles=ANY)}
paths["/api/invoices/upload/"] = {"post": op(
    "invoices_upload", "uploads", "Upload invoice files",
    "multipart/form-data read as a stream; each file is hashed (SHA-256), type-sniffed and stored in one pass, and a "
    "TEMP- invoice marked for review is created for it. A file whose content already has a live invoice is listed "
    "under duplicates. Per-file problems (type, size, count) are reported per file; the answer is 200. Also without "
    "the trailing slash.",
    {"200": resp("per-file results", ref("UploadResult")), "400": err("BadRequest"), "403": err("Forbidden"),
     "413": err("PayloadTooLarge"), "415": err("UnsupportedMediaType")},
    body={"required": True, "content": {"multipart/form-data": {"schema": ref("UploadRequest")}}},
    roles=MANAGERS)}
paths["/api/invoices/{id}/file/"] = {
    "parameters": [ID_PATH],
    "get": op("invoices_file", "uploads", "Download an invoice's file",
              "The stored bytes with the stored content type, Content-Length and "
              "`Content-Disposition: attachment` with the original name. Also without the trailing slash; HEAD too.",
              {"200": {"description": "the file", "headers": {"Content-Disposition": {"schema": STR}},
                       "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
               "404": err("NotFound"), "405": err("MethodNotAllowed")}, roles=ANY)}
paths["/api/catalogs/cost-types/"] = {"get": op(
    "cost_types_list", "cost types", "List active cost types",
    "Ordered by display_order, name; paginated like the other lists. The trailing slash is required. "
    "Other methods: 405.",
    {"200": resp("a page of cost types", ref("CostTypePage")), "400": err("BadRequest"), "404": err("NotFound"),
     "405": err("MethodNotAllowed")}, params=PAGE, roles=ANY)}

paths["/api/health/"] = {"get": op(
    "health", "health", "Liveness (the original's path)",
    "200 while the process serves HTTP; not on the worker pool. Also without the trailing slash.",
    {"200": resp("alive", ref("Health"))}, public=True)}
paths["/api/schema/"] = {"get": op(
    "schema", "health", "This OpenAPI document",
    "OpenAPI 3.0.3 as JSON (`application/vnd.oai.openapi+json`), cacheable for an hour. `?format=json` gives the "
    "same; YAML (drf-spectacular's default) is not served. Also without the trailing slash.",
    {"200": resp("the document", {"type": "object"}, "application/vnd.oai.openapi+json"),
     "400": err("BadRequest")},
    params=[qp("format", enum(["json", "openapi-json"]), "only JSON is served; any other value is a 400")],
    public=True)}
paths["/health/live"] = {"get": op("health_live", "health", "Liveness", "Same as /api/health/.",
                                   {"200": resp("alive", ref("Health"))}, public=True)}
paths["/health/ready"] = {"get": op("health_ready", "health", "Readiness", "Checks the database (2 s).",
                                    {"200": resp("ready", ref("Readiness")),
                                     "503": resp("database unreachable", ref("Readiness"))}, public=True)}
METRICS_SECURITY = [{}, {"metricsToken": []}]
paths["/health/memory"] = {"get": dict(op(
    "health_memory", "health", "Memory report",
    "Open to loopback clients, and to others with `Authorization: Bearer <METRICS_TOKEN>`; API tokens do not open "
    "it.", {"200": resp("the report", ref("MemoryReport")), "403": err("Forbidden")},
    params=[qp("history", enum(["true", "false"]), "false leaves the history out")], public=True),
    security=METRICS_SECURITY)}
paths["/metrics"] = {"get": dict(op(
    "metrics", "health", "Prometheus metrics",
    "Text format 0.0.4. Open to loopback clients, and to others with `Authorization: Bearer <METRICS_TOKEN>`.",
    {"200": resp("metrics", {"type": "string"}, "text/plain"), "403": err("Forbidden")}, public=True),
    security=METRICS_SECURITY)}

doc = {
    "openapi": "3.0.3",
    "info": {
        "title": "NextOps Lean API",
        # filtered by Maven at build time (server/pom.xml): the version is written once, in the parent POM
        "version": "${project.version}",
        "description": "The original NextOps (Django) API for OTs, providers, clients, invoices, cost types, exports, "
                       "uploads and the OT import, served by NextOps Lean with the same paths, parameters and JSON "
                       "shapes. Errors: `{code, message, errors: [{field, message}], detail}`. Lists: page-number "
                       "pagination `{count, next, previous, page_size, total_pages, current_page, results}`. "
                       "Reference with examples: docs/api.md.",
    },
    "servers": [{"url": "/"}],
    "security": [{"bearerAuth": []}],
    "tags": [{"name": t} for t in ["authentication", "ots", "providers", "clients", "invoices", "cost types",
                                   "exports", "uploads", "imports", "health"]],
    "paths": paths,
    "components": {
        "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                           "description": "access token from POST /api/token/"},
            "metricsToken": {"type": "http", "scheme": "bearer",
                             "description": "METRICS_TOKEN, for /metrics and /health/memory from non-loopback clients"},
        },
        "parameters": parameters,
        "responses": responses,
        "schemas": dict(sorted(schemas.items())),
    },
}

if __name__ == "__main__":
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    ops = sum(1 for p in paths.values() for m in p if m != "parameters")
    print(f"{OUT}: {len(paths)} paths, {ops} operations", file=sys.stderr)
