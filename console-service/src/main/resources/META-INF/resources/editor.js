// The journey editor: CodeMirror over the form's text area (the form still posts the text area,
// fromTextArea saves into it on submit), the server's problem marked at its line, and Ctrl-Space
// completion from the journey JSON Schema (/journey.schema.json, docs/journey.schema.json in the jar).
(function () {
  'use strict';
  var textarea = document.getElementById('yaml');
  if (!textarea || !window.CodeMirror) {
    return;
  }
  var schema = null;
  fetch('/journey.schema.json', {credentials: 'same-origin'})
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (json) {
      schema = json;
      editor.getWrapperElement().setAttribute('data-schema', json ? 'loaded' : 'missing');
    })
    .catch(function () { /* no completion; editing works as before */ });

  var editor = CodeMirror.fromTextArea(textarea, {
    mode: 'yaml',
    lineNumbers: true,
    indentUnit: 2,
    tabSize: 2,
    viewportMargin: Infinity,
    gutters: ['CodeMirror-linenumbers', 'problems'],
    extraKeys: {
      'Ctrl-Space': 'autocomplete',
      // YAML has no tabs: Tab indents with spaces
      'Tab': function (cm) { cm.execCommand(cm.somethingSelected() ? 'indentMore' : 'insertSoftTab'); }
    },
    hintOptions: {hint: journeyHint, completeSingle: false}
  });
  // the numbered copy of the YAML below the form is for pages without JavaScript
  var numbered = document.querySelector('.where');
  if (numbered) {
    numbered.hidden = true;
  }

  // The server's problem (data-line, data-column, 1-based): the line marked, a gutter marker, the
  // cursor put there; the "Line n, column m" link jumps back to it.
  var problem = document.querySelector('p.problem[data-line]');
  var line = problem ? parseInt(problem.getAttribute('data-line'), 10) : 0;
  if (line > 0 && line <= editor.lineCount()) {
    var where = {line: line - 1, ch: Math.max(parseInt(problem.getAttribute('data-column'), 10) - 1, 0)};
    editor.addLineClass(where.line, 'wrap', 'problem-line');
    var marker = document.createElement('span');
    marker.className = 'problem-marker';
    marker.textContent = '●';
    marker.title = problem.textContent;
    editor.setGutterMarker(where.line, 'problems', marker);
    editor.setCursor(where);
    var jump = problem.querySelector('a.goto-problem');
    if (jump) {
      jump.addEventListener('click', function (event) {
        event.preventDefault();
        editor.focus();
        editor.setCursor(where);
        editor.scrollIntoView(where, 80);
      });
    }
  }

  /** Completion: the keys (and enum values) the schema allows at the YAML path of the cursor. */
  function journeyHint(cm) {
    if (!schema) {
      return null;
    }
    var cursor = cm.getCursor();
    var before = cm.getLine(cursor.line).slice(0, cursor.ch);
    // "  - key: val|" completes a value of key; "  - ke|" a key (or an item's enum value)
    var typed = /^(\s*)((?:-\s+)*)(?:([\w$-]+):\s+)?([\w$-]*)$/.exec(before);
    if (!typed) {
      return null;
    }
    var path = yamlPath(cm, cursor.line, typed[1].length, typed[2]);
    var word = typed[4];
    var list;
    if (typed[3]) {
      list = values(at(path.concat([typed[3]])));
    } else {
      var here = at(path);
      list = keys(here).map(function (key) { return {text: key + ': ', displayText: key}; }).concat(values(here));
    }
    list = list.filter(function (item) { return (item.displayText || item).indexOf(word) === 0; });
    return {list: list, from: CodeMirror.Pos(cursor.line, cursor.ch - word.length), to: cursor};
  }

  /**
   * The keys and item marks ('[]') from the document's root down to the mapping the cursor's
   * line belongs to, read from the indentation of the lines above it.
   */
  function yamlPath(cm, lineNo, spaces, dashes) {
    var path = [];
    (dashes.match(/-/g) || []).forEach(function () { path.push('[]'); });
    var indent = spaces; // what lies left of it holds the cursor's line
    for (var n = lineNo - 1; n >= 0 && indent > 0; n--) {
      var parsed = /^(\s*)((?:-\s+)*)(?:([^\s:#'"{\[][^:#]*?):(?:\s|$))?/.exec(cm.getLine(n));
      var lead = parsed[1].length;
      var keyAt = lead + parsed[2].length;
      if (!parsed[2] && !parsed[3]) {
        continue; // blank, comment or a continued value
      }
      if (parsed[2] && lead < indent) {
        // an item that starts above: its key is a sibling (same column) or the parent (left of it)
        if (parsed[3] && keyAt < indent) {
          path.unshift(parsed[3]);
        }
        (parsed[2].match(/-/g) || []).forEach(function () { path.unshift('[]'); });
        indent = lead;
      } else if (!parsed[2] && parsed[3] && keyAt < indent) {
        path.unshift(parsed[3]);
        indent = keyAt;
      }
    }
    return path;
  }

  /** The schemas that describe the value at path (a oneOf or anyOf gives several). */
  function at(path) {
    var found = [schema];
    path.forEach(function (step) {
      var next = [];
      found.forEach(function (s) {
        variants(s).forEach(function (v) {
          if (step === '[]') {
            if (v.items) next.push(v.items);
          } else if (v.properties && v.properties[step]) {
            next.push(v.properties[step]);
          } else if (typeof v.additionalProperties === 'object') {
            next.push(v.additionalProperties);
          }
        });
      });
      found = next;
    });
    return found;
  }

  function variants(s) {
    s = resolve(s);
    var all = [s];
    (s.oneOf || []).concat(s.anyOf || []).forEach(function (v) { all = all.concat(variants(v)); });
    return all;
  }

  function resolve(s) {
    while (s && s.$ref) {
      s = s.$ref.replace(/^#\//, '').split('/').reduce(function (node, part) { return node[part]; }, schema);
    }
    return s || {};
  }

  function keys(schemas) {
    return unique(flat(schemas, function (v) { return Object.keys(v.properties || {}); }));
  }

  function values(schemas) {
    return unique(flat(schemas, function (v) {
      return (v.enum || []).concat('const' in v ? [v.const] : []).filter(function (value) { return typeof value === 'string'; });
    }));
  }

  function flat(schemas, of) {
    var out = [];
    schemas.forEach(function (s) { variants(s).forEach(function (v) { out = out.concat(of(v)); }); });
    return out;
  }

  function unique(list) {
    return list.filter(function (item, i) { return list.indexOf(item) === i; });
  }
})();
