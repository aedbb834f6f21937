package dynamic

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The synthesised data view: a few rows of plausible values for every data
// role of capabilities.json, in each mapping the visual declares
// (categorical, table, matrix, single, tree; categorical and table always), with a long string, and nulls in the resized update. Every
// text value and column name carries the canary token, and the measures are
// canary numbers: a request that carries one of them carries report data.

// canaryToken is in every category value and column display name.
const canaryToken = "zqk4"

// canaries are what marks report data in a request.
var canaries = []string{canaryToken, "7301.58", "4409.17", "218.06"}

var rowWords = []string{"Nordhafen", "Südtal", "Westfjord", "", "Ostmark"}

type role struct {
	Name          string           `json:"name"`
	DisplayName   string           `json:"displayName"`
	Kind          any              `json:"kind"`
	RequiredTypes []map[string]any `json:"requiredTypes"`
}

// numeric tells whether every type a role accepts is a number (a grouping
// role of x/y coordinates, a year): its column holds numbers.
func (r role) numeric() bool {
	if len(r.RequiredTypes) == 0 {
		return false
	}
	for _, t := range r.RequiredTypes {
		if t["numeric"] == nil && t["integer"] == nil {
			return false
		}
	}
	return true
}

type capabilities struct {
	DataRoles        []role                       `json:"dataRoles"`
	DataViewMappings []map[string]json.RawMessage `json:"dataViewMappings"`
}

func (r role) measure() bool {
	switch k := r.Kind.(type) {
	case string:
		return strings.EqualFold(k, "Measure")
	case float64:
		return k == 1
	}
	return false
}

type column struct {
	DisplayName string          `json:"displayName"`
	QueryName   string          `json:"queryName"`
	Roles       map[string]bool `json:"roles"`
	Index       int             `json:"index"`
	IsMeasure   bool            `json:"isMeasure"`
	Type        map[string]bool `json:"type"`
	Format      string          `json:"format,omitempty"`
	Objects     map[string]any  `json:"objects"`
}

// nulls is set for the second (resized) update only: blank categories
// and measures are what real visuals most often fail on, and the first
// update must show what the visual does with ordinary data.
func categoryValue(col, row int, nulls bool) any {
	switch row {
	case 2:
		if !nulls {
			break
		}
		return nil
	case 3:
		return fmt.Sprintf("Long label %s%c%d ", canaryToken, 'a'+col, row+1) + strings.Repeat("très long libellé ", 16)
	}
	return fmt.Sprintf("%s %s%c%d", rowWords[row], canaryToken, 'a'+col, row+1)
}

// dateLike tells whether a grouping role holds dates by its name ("Start
// date", "OrderDate"): its column is typed dateTime and holds dates, which
// visuals that check the type of such a column insist on.
func (r role) dateLike() bool {
	return strings.Contains(strings.ToLower(r.Name+" "+r.DisplayName), "date")
}

// dateValue is a category value of a date column (an ISO string in the
// JSON, a Date in the view).
func dateValue(row int, nulls bool) any {
	if row == 2 && nulls {
		return nil
	}
	return fmt.Sprintf("2024-%02d-%02dT00:00:00.000Z", row+1, 10+row*3)
}

func measureValue(col, row int, nulls bool) any {
	base := []any{7301.58, 4409.17, 1520.4, -218.06, 0.0}[row]
	if row == 2 && nulls {
		base = nil
	}
	if f, ok := base.(float64); ok && col > 0 {
		return f + float64(col)*1000
	}
	return base
}

// dataViewJSON returns the data view (as JSON) for capabilities, with
// every shape (categorical, table, matrix, single, tree), and the kinds the
// visual's view holds as its own properties: those it declares, and
// categorical and table always.
func dataViewJSON(capsJSON []byte, nulls bool) ([]byte, []string) {
	var c capabilities
	_ = json.Unmarshal(capsJSON, &c)
	if len(c.DataRoles) == 0 {
		c.DataRoles = []role{{Name: "category", DisplayName: "Category", Kind: "Grouping"}, {Name: "measure", DisplayName: "Value", Kind: "Measure"}}
	}
	var cats, vals []column
	multi := multiFieldRoles(c)
	index := 0
	for i, r := range c.DataRoles {
		name := r.Name
		if name == "" {
			name = fmt.Sprintf("role%d", i)
		}
		dn := r.DisplayName
		if dn == "" {
			dn = name
		}
		fields := 1
		if multi[name] && !r.measure() {
			fields = 2
		}
		for f := 0; f < fields; f++ {
			suffix := ""
			if f > 0 {
				suffix = fmt.Sprintf(" %d", f+1)
			}
			col := column{DisplayName: fmt.Sprintf("%s%s %sc%d", dn, suffix, canaryToken, index), QueryName: fmt.Sprintf("Canary.%s%s", name, strings.ReplaceAll(suffix, " ", "")), Roles: map[string]bool{name: true},
				Index: index, IsMeasure: r.measure(), Objects: map[string]any{}}
			index++
			if col.IsMeasure {
				col.Type = map[string]bool{"numeric": true}
				col.Format = "0.00"
				vals = append(vals, col)
			} else if r.numeric() {
				col.Type = map[string]bool{"numeric": true, "integer": true}
				cats = append(cats, col)
			} else if r.dateLike() {
				col.Type = map[string]bool{"dateTime": true}
				cats = append(cats, col)
			} else {
				col.Type = map[string]bool{"text": true}
				cats = append(cats, col)
			}
		}
	}
	kinds := map[string]bool{}
	for _, m := range c.DataViewMappings {
		for k := range m {
			kinds[k] = true
		}
	}
	// categorical and table always: old visuals read both whatever they declare
	kinds["categorical"] = true
	kinds["table"] = true
	const rows = 5
	var all []column
	all = append(all, cats...)
	all = append(all, vals...)
	// no metadata.objects: Power BI leaves it out until the report's author
	// sets a formatting property, and visuals compare it with what they saw
	dv := map[string]any{"metadata": map[string]any{"columns": all}}
	// every shape is built: the declared ones become the view's own
	// properties, the others stay on the view it inherits from (Power BI's
	// data view transform copies the query's view, which has them)
	var order []string
	for _, k := range []string{"categorical", "table", "matrix", "single", "tree"} {
		if kinds[k] {
			order = append(order, k)
		}
	}
	{
		var categories, values []any
		for j, col := range cats {
			vs := make([]any, rows)
			for i := range vs {
				vs[i] = catValue(col, j, i, nulls)
			}
			// identityFields: the column references (SQExpr) that identify
			// the category's rows
			categories = append(categories, map[string]any{"source": col, "values": vs, "identityFields": []any{columnRef(col)}})
		}
		for j, col := range vals {
			vs := make([]any, rows)
			for i := range vs {
				vs[i] = measureValue(j, i, nulls)
			}
			values = append(values, map[string]any{"source": col, "values": vs, "min": -218.06, "max": 7301.58 + float64(j)*1000})
		}
		cat := map[string]any{"values": values}
		if len(categories) > 0 {
			cat["categories"] = categories
		}
		dv["categorical"] = cat
	}
	{
		var trows []any
		for i := 0; i < rows; i++ {
			var r []any
			for j, col := range cats {
				r = append(r, catValue(col, j, i, nulls))
			}
			for j := range vals {
				r = append(r, measureValue(j, i, nulls))
			}
			trows = append(trows, r)
		}
		var refs []any
		for _, col := range all {
			refs = append(refs, columnRef(col))
		}
		dv["table"] = map[string]any{"columns": all, "rows": trows, "totals": []any{}, "identityFields": refs}
	}
	dv["matrix"] = matrixView(c, cats, vals, rows, nulls)
	{
		dv["single"] = map[string]any{"value": 7301.58, "column": firstOr(vals, cats)}
	}
	{
		var children []any
		for i := 0; i < rows; i++ {
			// values by the column's index in the query (metadata.columns):
			// the node's group values and its measures
			values := map[string]any{}
			for j, col := range cats {
				values[fmt.Sprint(j)] = map[string]any{"value": catValue(col, j, i, nulls)}
			}
			for j := range vals {
				values[fmt.Sprint(len(cats)+j)] = map[string]any{"value": measureValue(j, i, nulls)}
			}
			children = append(children, map[string]any{"name": categoryValue(0, i, nulls), "value": measureValue(0, i, nulls), "values": values})
		}
		dv["tree"] = map[string]any{"root": map[string]any{"children": children}}
	}
	b, _ := json.Marshal(dv)
	return b, order
}

// columnRef is the column reference (an SQExpr) that identifies a
// column's values in identityFields.
func columnRef(col column) map[string]any {
	return map[string]any{"ref": strings.TrimPrefix(col.QueryName, "Canary."), "source": map[string]any{"entity": "Canary"}}
}

// catValue is the value of a grouping column at a row.
func catValue(col column, j, row int, nulls bool) any {
	if col.Type["dateTime"] {
		return dateValue(row, nulls)
	}
	if col.Type["numeric"] {
		if row == 2 && nulls {
			return nil
		}
		return float64(10*(row+1) + j)
	}
	return categoryValue(j, row, nulls)
}

func firstOr(a, b []column) any {
	if len(a) > 0 {
		return a[0]
	}
	if len(b) > 0 {
		return b[0]
	}
	return nil
}

// dataViewJS turns the JSON data view into the objects a visual reads:
// selection identities on categories and table rows, grouped() on value
// columns.
const dataViewJS = `(function (pbi, json, own) {
  function toDate(v) { return v == null ? v : new Date(v); }
  function inherit(o) { return Object.assign(Object.create(o), o); }
  var dv = JSON.parse(json);
  var c = dv.categorical;
  if (c) {
    (c.categories || []).forEach(function (cat, j) {
      if (cat.source.type && cat.source.type.dateTime) cat.values = cat.values.map(toDate);
      cat.identity = cat.values.map(function (v, i) { return pbi.selectionId("cat" + j + ":" + i); });
    });
    var values = c.values || [];
    var source = values.length ? values[0].source : undefined;
    values.grouped = function () { return [{ values: values, identity: pbi.selectionId("group0"), name: source && source.displayName, objects: {} }]; };
    values.source = source;
    values.identityFields = [];
    c.values = values;
  }
  if (dv.table) dv.table.columns.forEach(function (col, j) {
    if (col.type && col.type.dateTime) dv.table.rows.forEach(function (r) { r[j] = toDate(r[j]); });
  });
  if (dv.table) dv.table.identity = dv.table.rows.map(function (r, i) { return pbi.selectionId("row" + i); });
  if (dv.matrix) {
    var lv = dv.matrix.rows.levels[0], dateRows = lv && lv.sources[0].type && lv.sources[0].type.dateTime;
    dv.matrix.rows.root.children.forEach(function (n, i) {
      n.identity = pbi.selectionId("node" + i);
      if (dateRows && !n.isSubtotal) { n.value = toDate(n.value); n.levelValues[0].value = n.value; }
    });
  }
  if (dv.tree) dv.tree.root.children.forEach(function (n, i) { n.identity = pbi.selectionId("tree" + i); });
  // Power BI's data view transform hands visuals objects that inherit from
  // the query's view they copy (Prototype.inherit: the view and each of its
  // shapes), and some visuals read that prototype
  // (Object.getPrototypeOf(dataView).tree, ….categorical's prototype); the
  // shapes the visual did not declare are found only there
  var view = Object.create(dv);
  view.metadata = dv.metadata;
  own.forEach(function (k) { if (dv[k]) view[k] = inherit(dv[k]); });
  return view;
})`

// multiFieldRoles are the grouping roles a categorical mapping's
// categories take "for in" (every field the author drops in the role) and
// that every condition lets hold two fields or more: their view has two
// columns, as a report that uses the role as a hierarchy (a journey, a
// drill path) gives the visual.
func multiFieldRoles(c capabilities) map[string]bool {
	type forIn struct {
		For *struct{ In string } `json:"for"`
	}
	out := map[string]bool{}
	for _, m := range c.DataViewMappings {
		raw, ok := m["categorical"]
		if !ok {
			continue
		}
		var cm struct {
			Categories struct {
				forIn
				Select []forIn `json:"select"`
			} `json:"categories"`
		}
		_ = json.Unmarshal(raw, &cm)
		for _, f := range append([]forIn{cm.Categories.forIn}, cm.Categories.Select...) {
			if f.For != nil && f.For.In != "" {
				out[f.For.In] = true
			}
		}
		var conds []map[string]struct {
			Max *float64 `json:"max"`
		}
		if raw, ok := m["conditions"]; ok {
			_ = json.Unmarshal(raw, &conds)
		}
		for _, cond := range conds {
			for r, lim := range cond {
				if lim.Max != nil && *lim.Max < 2 {
					delete(out, r)
				}
			}
		}
	}
	return out
}

// matrixRoles reads the grouping roles of the rows and the columns of the
// first matrix mapping ("for": {"in": role}, "bind": {"to": role}, or the
// first of a "select").
func matrixRoles(c capabilities) (rowRole, colRole string) {
	type forIn struct {
		For  *struct{ In string } `json:"for"`
		Bind *struct{ To string } `json:"bind"`
	}
	type side struct {
		forIn
		Select []forIn `json:"select"`
	}
	name := func(s side) string {
		for _, f := range append([]forIn{s.forIn}, s.Select...) {
			if f.For != nil && f.For.In != "" {
				return f.For.In
			}
			if f.Bind != nil && f.Bind.To != "" {
				return f.Bind.To
			}
		}
		return ""
	}
	for _, m := range c.DataViewMappings {
		raw, ok := m["matrix"]
		if !ok {
			continue
		}
		var mx struct {
			Rows    side `json:"rows"`
			Columns side `json:"columns"`
		}
		_ = json.Unmarshal(raw, &mx)
		return name(mx.Rows), name(mx.Columns)
	}
	return "", ""
}

// matrixView is the matrix shape: the rows grouped by the mapping's row
// role (else the first grouping column), the columns by its column role
// when it has one, then by value source; the last row is the grand total
// (isSubtotal), which Power BI includes unless the visual turns
// subtotals off.
func matrixView(c capabilities, cats, vals []column, rows int, nulls bool) map[string]any {
	rowRole, colRole := matrixRoles(c)
	find := func(role string) int {
		for j, col := range cats {
			if col.Roles[role] {
				return j
			}
		}
		return -1
	}
	ci := -1
	if colRole != "" && colRole != rowRole {
		ci = find(colRole)
	}
	ri := find(rowRole)
	for j := range cats {
		if ri < 0 && j != ci {
			ri = j
		}
	}
	groups := 1 // column groups
	if ci >= 0 {
		groups = 2
	}
	var children []any
	totals := map[string]any{}
	sums := make([]float64, groups*len(vals))
	for i := 0; i < rows; i++ {
		values := map[string]any{}
		for g := 0; g < groups; g++ {
			for j := range vals {
				v := measureValue(j, i, nulls)
				if f, ok := v.(float64); ok {
					sums[g*len(vals)+j] += f
				}
				values[fmt.Sprint(g*len(vals)+j)] = map[string]any{"value": v, "valueSourceIndex": j}
			}
		}
		node := map[string]any{"level": 0, "values": values}
		if ri >= 0 {
			v := catValue(cats[ri], ri, i, nulls)
			node["value"] = v
			node["levelValues"] = []any{map[string]any{"value": v, "levelSourceIndex": 0}}
		}
		children = append(children, node)
	}
	for g := 0; g < groups; g++ {
		for j := range vals {
			totals[fmt.Sprint(g*len(vals)+j)] = map[string]any{"value": sums[g*len(vals)+j], "valueSourceIndex": j}
		}
	}
	if len(vals) > 0 {
		children = append(children, map[string]any{"level": 0, "isSubtotal": true, "values": totals})
	}
	rowLevels := []any{}
	if ri >= 0 {
		rowLevels = append(rowLevels, map[string]any{"sources": []any{cats[ri]}})
	}
	var colChildren []any
	colLevels := []any{}
	leaves := func(level int) []any {
		var out []any
		for j := range vals {
			out = append(out, map[string]any{"level": level, "levelSourceIndex": j, "isSubtotal": false})
		}
		return out
	}
	if ci >= 0 {
		colLevels = append(colLevels, map[string]any{"sources": []any{cats[ci]}})
		for g := 0; g < groups; g++ {
			v := catValue(cats[ci], ci, g, false)
			colChildren = append(colChildren, map[string]any{"level": 0, "value": v,
				"levelValues": []any{map[string]any{"value": v, "levelSourceIndex": 0}}, "children": leaves(1)})
		}
	} else {
		colChildren = leaves(0)
	}
	colLevels = append(colLevels, map[string]any{"sources": vals})
	return map[string]any{
		"rows":         map[string]any{"root": map[string]any{"children": children}, "levels": rowLevels},
		"columns":      map[string]any{"root": map[string]any{"children": colChildren}, "levels": colLevels},
		"valueSources": vals,
	}
}
