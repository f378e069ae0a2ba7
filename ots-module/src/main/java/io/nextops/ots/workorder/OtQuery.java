package io.nextops.ots.workorder;

import io.nextops.web.route.Param;
import io.nextops.web.Params;
import io.nextops.ots.internal.Sql;
import io.nextops.ots.internal.Where;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The filters, search and ordering of the OT list (reference section 2.2), shared by the list endpoint and the OT
 * export so that both select the same rows in the same order. Parse one from a request with {@link #from(Params)}
 * (bad values are recorded in the Params; call {@code params.validate()}), or build one directly. Every value is
 * bound as a parameter; the ordering comes from a whitelist. Immutable and thread-safe.
 *
 * <pre>{@code
 * Params params = call.params();                      // the route's declared parameters
 * OtQuery query = OtQuery.from(params);
 * params.validate();                                    // 400 listing every bad parameter
 * long count = ots.workOrders().count(query);
 * }</pre>
 *
 * @param proveedorId carrier id, or null
 * @param clienteId client id, or null
 * @param estados {@code estado} values (canonical, aliases resolved), ORed; empty for any
 * @param proveedores carrier names, case-insensitive exact, ORed
 * @param clientes client original names, case-insensitive exact, ORed
 * @param operativos operativo values, case-insensitive exact, ORed
 * @param estadoProvision provision status, or null
 * @param estadoFacturado billing status, or null
 * @param tipoOperacion operation type, or null
 * @param mbls texts contained in master_bl (case-insensitive), ORed
 * @param contenedores texts contained in the containers (case-insensitive), ORed
 * @param numerosOt texts contained in numero_ot (case-insensitive), ORed
 * @param search free text (see {@link #from(Params)}), or null
 * @param puertoDestino exact destination port, or null
 * @param ordering fields of {@link #ORDERING_FIELDS}, each optionally prefixed with '-'; empty for the default
 *     {@code -created_at}
 */
public record OtQuery(Long proveedorId, Long clienteId, List<String> estados, List<String> proveedores,
                      List<String> clientes, List<String> operativos, String estadoProvision, String estadoFacturado,
                      String tipoOperacion, List<String> mbls, List<String> contenedores, List<String> numerosOt,
                      String search, String puertoDestino, List<String> ordering) {
    /** The {@code ordering} values accepted, and the column each sorts by. */
    public static final Map<String, String> ORDERING_FIELDS = Map.of("numero_ot", "o.numero_ot",
            "fecha_eta", "o.fecha_eta", "fecha_llegada", "o.fecha_llegada", "estado", "o.estado",
            "created_at", "o.created_at");

    /** The query parameters {@link #from} reads, for the route table. */
    public static final List<Param> PARAMS = List.of(
            Param.id("proveedor_id", "carrier id, exact"),
            Param.id("cliente_id", "client id, exact"),
            Param.textList("estado", "status, case-insensitive; aliases en_transito, tránsito, en tránsito, transit "
                    + "(transito); en rada, rada (en_rada); fact adicionales, facturacion adicional (fact_adicionales). "
                    + "Known values: " + String.join(", ", OtChoices.ESTADOS.keySet()) + ". Unknown: 400"),
            Param.textList("proveedor", "carrier nombre, case-insensitive exact"),
            Param.textList("cliente", "client original_name, case-insensitive exact"),
            Param.textList("operativo", "case-insensitive exact"),
            Param.choice("estado_provision", OtChoices.ESTADOS_PROVISION.keySet(), "case-insensitive"),
            Param.choice("estado_facturado", OtChoices.ESTADOS_FACTURADO.keySet(), "case-insensitive"),
            Param.choice("tipo_operacion", OtChoices.TIPOS_OPERACION.keySet(), "case-insensitive"),
            Param.textList("mbl", "contained in master_bl, case-insensitive"),
            Param.textList("contenedor", "contained in a container number (upper-cased)"),
            Param.textList("numero_ot", "contained in numero_ot, case-insensitive"),
            Param.text("search", "the text, and its letters and digits alone, contained in numero_ot, master_bl, "
                    + "notas, client names, carrier name, operativo, barco, containers or house BLs"),
            Param.text("puerto_destino", "exact"),
            Param.ordering("ordering", ORDERING_FIELDS.keySet(), "comma-separated fields, each optionally prefixed "
                    + "with - (descending); default -created_at; ties broken by id"));
    /** Every active OT, newest first. */
    public static final OtQuery ALL = new OtQuery(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);

    public OtQuery {
        estados = copy(estados);
        proveedores = copy(proveedores);
        clientes = copy(clientes);
        operativos = copy(operativos);
        mbls = copy(mbls);
        contenedores = copy(contenedores);
        numerosOt = copy(numerosOt);
        ordering = copy(ordering);
        for (String e : estados) {
            if (!OtChoices.ESTADOS.containsKey(e)) {
                throw new IllegalArgumentException("estados must hold values of OtChoices.ESTADOS, was " + e);
            }
        }
        for (String o : ordering) {
            if (!ORDERING_FIELDS.containsKey(o.startsWith("-") ? o.substring(1) : o)) {
                throw new IllegalArgumentException("ordering must be one of " + ORDERING_FIELDS.keySet()
                        + " with an optional '-', was " + o);
            }
        }
    }

    /**
     * Reads the list parameters: {@code proveedor_id, cliente_id, estado*, proveedor*, cliente*, operativo*,
     * estado_provision, estado_facturado, tipo_operacion, mbl*, contenedor*, numero_ot*, search, puerto_destino,
     * ordering} (* = repeatable, values ORed). {@code search} matches the text, and its letters and digits alone,
     * anywhere in numero_ot, master_bl, notas, the client's original and normalized names, the carrier's name,
     * operativo, barco, containers and house BLs. Unknown choices and ordering fields are recorded as errors.
     */
    public static OtQuery from(Params p) {
        List<String> estados = new ArrayList<>();
        for (String v : p.texts("estado")) {
            String e = v.toLowerCase(Locale.ROOT);
            e = OtChoices.ESTADO_ALIASES.getOrDefault(e, e);
            if (OtChoices.ESTADOS.containsKey(e)) {
                estados.add(e);
            } else {
                p.error("estado", "\"" + v + "\" is not a valid choice.");
            }
        }
        List<String> ordering = p.ordering("ordering", ORDERING_FIELDS.keySet());
        return new OtQuery(p.id("proveedor_id"), p.id("cliente_id"), estados, p.texts("proveedor"),
                p.texts("cliente"), p.texts("operativo"),
                choice(p, "estado_provision", OtChoices.ESTADOS_PROVISION.keySet()),
                choice(p, "estado_facturado", OtChoices.ESTADOS_FACTURADO.keySet()),
                choice(p, "tipo_operacion", OtChoices.TIPOS_OPERACION.keySet()),
                p.texts("mbl"), p.texts("contenedor").stream().map(s -> s.toUpperCase(Locale.ROOT)).toList(),
                p.texts("numero_ot"), p.text("search"), p.text("puerto_destino"), ordering);
    }

    /** The WHERE clause over {@code ots o} LEFT JOIN {@code client_aliases c}, {@code catalogs_provider pr}. */
    Where where() {
        Where w = new Where().and("o.is_deleted = false");
        if (proveedorId != null) {
            w.and("o.proveedor_id = :proveedor_id").bind("proveedor_id", proveedorId);
        }
        if (clienteId != null) {
            w.and("o.cliente_id = :cliente_id").bind("cliente_id", clienteId);
        }
        if (!estados.isEmpty()) {
            w.and("o.estado = ANY(:estado)").bindArray("estado", estados);
        }
        if (!proveedores.isEmpty()) {
            w.and("upper(pr.nombre) IN (SELECT upper(v) FROM unnest(:proveedor) AS v)")
                    .bindArray("proveedor", proveedores);
        }
        if (!clientes.isEmpty()) {
            w.and("upper(c.original_name) IN (SELECT upper(v) FROM unnest(:cliente) AS v)")
                    .bindArray("cliente", clientes);
        }
        if (!operativos.isEmpty()) {
            w.and("upper(o.operativo) IN (SELECT upper(v) FROM unnest(:operativo) AS v)")
                    .bindArray("operativo", operativos);
        }
        if (estadoProvision != null) {
            w.and("o.estado_provision = :estado_provision").bind("estado_provision", estadoProvision);
        }
        if (estadoFacturado != null) {
            w.and("o.estado_facturado = :estado_facturado").bind("estado_facturado", estadoFacturado);
        }
        if (tipoOperacion != null) {
            w.and("o.tipo_operacion = :tipo_operacion").bind("tipo_operacion", tipoOperacion);
        }
        if (!mbls.isEmpty()) {
            w.and("o.master_bl ILIKE ANY(:mbl)").bindArray("mbl", patterns(mbls));
        }
        if (!contenedores.isEmpty()) {
            w.and("(o.contenedores::text) ILIKE ANY(:contenedor)").bindArray("contenedor", patterns(contenedores));
        }
        if (!numerosOt.isEmpty()) {
            w.and("o.numero_ot ILIKE ANY(:numero_ot)").bindArray("numero_ot", patterns(numerosOt));
        }
        if (search != null) {
            Set<String> terms = new LinkedHashSet<>();
            terms.add(search);
            String alnum = search.replaceAll("[^\\p{L}\\p{N}]", "");
            if (!alnum.isEmpty()) {
                terms.add(alnum);
            }
            w.and("(o.numero_ot ILIKE ANY(:search) OR o.master_bl ILIKE ANY(:search) OR o.notas ILIKE ANY(:search)"
                    + " OR c.original_name ILIKE ANY(:search) OR c.normalized_name ILIKE ANY(:search)"
                    + " OR pr.nombre ILIKE ANY(:search) OR o.operativo ILIKE ANY(:search)"
                    + " OR o.barco ILIKE ANY(:search) OR (o.contenedores::text) ILIKE ANY(:search)"
                    + " OR (o.house_bls::text) ILIKE ANY(:search))")
                    .bindArray("search", patterns(List.copyOf(terms)));
        }
        if (puertoDestino != null) {
            w.and("o.puerto_destino = :puerto_destino").bind("puerto_destino", puertoDestino);
        }
        return w;
    }

    /** {@code " ORDER BY ..."} from the whitelist, with the id as the tie-breaker that keeps pages stable. */
    String orderBy() {
        if (ordering.isEmpty()) {
            return " ORDER BY o.created_at DESC, o.id DESC";
        }
        StringBuilder b = new StringBuilder(" ORDER BY ");
        for (String o : ordering) {
            boolean desc = o.startsWith("-");
            b.append(ORDERING_FIELDS.get(desc ? o.substring(1) : o)).append(desc ? " DESC, " : ", ");
        }
        return b.append(ordering.get(0).startsWith("-") ? "o.id DESC" : "o.id").toString();
    }

    private static String choice(Params p, String name, Set<String> allowed) {
        return p.oneOfIgnoreCase(name, allowed);
    }

    private static List<String> patterns(List<String> values) {
        return values.stream().map(Sql::contains).toList();
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
