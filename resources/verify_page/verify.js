/* FrontDesk certificate verification page.
 *
 * Reads the code from the address fragment (never sent to the host), checks
 * its Ed25519 signature against the school's public keys in data.js, and says
 * what it found in Chinese with English beside it. The checks mirror
 * frontdesk/certificates/verification.py step by step, so this page and a
 * FrontDesk desk give the same answer for the same code.
 *
 * Signature checking uses the browser's WebCrypto Ed25519 where it exists and
 * TweetNaCl (nacl.min.js, public domain) where it does not; "?engine=tweetnacl"
 * in the address forces the library.
 */
(function () {
  "use strict";

  var DATA = window.FRONTDESK_PAGE || { school: {}, keys: [], revoked: [] };
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  var EPOCH_MS = Date.UTC(2000, 0, 1);
  var SIGNATURE_BYTES = 64;
  var KEY_ID_BYTES = 4;
  // The group order L of Ed25519, little-endian: signatures with S >= L are
  // refused, as OpenSSL (the desks' library) refuses them.
  var ORDER = [0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2,
    0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];

  function bytesOf(text) { return new TextEncoder().encode(text); }

  var FORMATS = {
    C1: { context: bytesOf("FrontDesk certificate v1\n"), keyed: false },
    C2: { context: bytesOf("FrontDesk certificate v2\n"), keyed: true }
  };

  function normalise(text) {
    var folded = (text || "").normalize("NFKC").replace(/\s+/g, "").toUpperCase();
    return folded.slice(folded.lastIndexOf("#") + 1);
  }

  function unreadable() { var e = new Error("unreadable"); e.unreadable = true; return e; }

  // base32 as Python's b32decode reads it once padding is added: only the
  // padded lengths base32 allows, trailing bits ignored.
  function base32(text) {
    var padded = text + "====".repeat(2).slice(0, (8 - text.length % 8) % 8);
    var stripped = padded.replace(/=+$/, "");
    var pad = padded.length - stripped.length;
    if ([0, 1, 3, 4, 6].indexOf(pad) < 0) { throw unreadable(); }
    var out = new Uint8Array(Math.floor(stripped.length * 5 / 8));
    var bits = 0, value = 0, n = 0;
    for (var i = 0; i < stripped.length; i++) {
      var digit = ALPHABET.indexOf(stripped[i]);
      if (digit < 0) { throw unreadable(); }
      value = (value << 5 | digit) & 0xffff;
      bits += 5;
      if (bits >= 8) { bits -= 8; if (n < out.length) { out[n++] = (value >> bits) & 0xff; } }
    }
    return out;
  }

  function readVarint(data, pos) {
    var value = 0, shift = 0;
    for (;;) {
      if (pos >= data.length || shift > 21) { throw unreadable(); }
      var b = data[pos++];
      value += (b & 0x7f) * Math.pow(2, shift);
      shift += 7;
      if (!(b & 0x80)) { return [value, pos]; }
    }
  }

  function text(bytes, utf16) {
    var decoder = new TextDecoder(utf16 ? "utf-16be" : "utf-8", { fatal: true, ignoreBOM: true });
    try { return decoder.decode(bytes); } catch (e) { throw unreadable(); }
  }

  // {claim, keyId, signed, signature}; throws unreadable for a garbled code.
  function parse(code, format, prefix) {
    var data = base32(code.slice(prefix.length));
    var head = format.keyed ? KEY_ID_BYTES : 0;
    if (data.length < head + 2 + 3 + SIGNATURE_BYTES) { throw unreadable(); }
    var keyId = data.slice(0, head);
    var body = data.slice(head, data.length - SIGNATURE_BYTES);
    var signature = data.slice(data.length - SIGNATURE_BYTES);
    var days = body[0] << 8 | body[1];
    var pos = 2, fields = [];
    for (var i = 0; i < 3; i++) {
      var read = readVarint(body, pos), header = read[0];
      pos = read[1];
      var length = Math.floor(header / 2);
      if (pos + length > body.length) { throw unreadable(); }
      fields.push(text(body.slice(pos, pos + length), header % 2 === 1));
      pos += length;
    }
    if (pos !== body.length) { throw unreadable(); }
    var issued = new Date(EPOCH_MS + days * 86400000).toISOString().slice(0, 10);
    var signed = new Uint8Array(format.context.length + head + body.length);
    signed.set(format.context, 0);
    signed.set(keyId, format.context.length);
    signed.set(body, format.context.length + head);
    return {
      claim: { serial: fields[0], learner_name: fields[1], course_title: fields[2], issued_on: issued },
      keyId: format.keyed ? hex(keyId) : null, signed: signed, signature: signature
    };
  }

  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function fromBase64(text) {
    var raw = atob(text), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out;
  }

  function canonicalS(signature) {
    for (var i = 31; i >= 0; i--) {
      var s = signature[32 + i];
      if (s !== ORDER[i]) { return s < ORDER[i]; }
    }
    return false;
  }

  var engines = {
    webcrypto: function (publicKey, signature, message) {
      return crypto.subtle.importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"])
        .then(function (key) { return crypto.subtle.verify({ name: "Ed25519" }, key, signature, message); });
    },
    tweetnacl: function (publicKey, signature, message) {
      return Promise.resolve(window.nacl.sign.detached.verify(message, signature, publicKey));
    }
  };

  // WebCrypto when the browser has Ed25519 (checked with a known-good
  // signature, RFC 8032 test 1), else TweetNaCl.
  var RFC8032 = {
    key: "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
    sig: "5VZDAMNgrHKQhuLMgG6CioSHfx645dl02HPgZSJJAVVfuIIVkKM7rMYeOXAc+bRr0lv18FlbviRlUUFDjnoQCw=="
  };
  var chosenEngine = null;
  function engine() {
    if (chosenEngine) { return chosenEngine; }
    var forced = new URLSearchParams(location.search).get("engine");
    if (forced === "tweetnacl" || !(window.crypto && crypto.subtle)) {
      chosenEngine = Promise.resolve("tweetnacl");
      return chosenEngine;
    }
    chosenEngine = engines.webcrypto(fromBase64(RFC8032.key), fromBase64(RFC8032.sig), new Uint8Array(0))
      .then(function (ok) { return ok ? "webcrypto" : "tweetnacl"; },
            function () { return "tweetnacl"; });
    return chosenEngine;
  }

  function verifyWith(name, keys, parsed) {
    if (!canonicalS(parsed.signature)) { return Promise.resolve(null); }
    var i = 0;
    function next() {
      if (i >= keys.length) { return Promise.resolve(null); }
      var key = keys[i++];
      return engines[name](fromBase64(key.ed25519), parsed.signature, parsed.signed)
        .then(function (ok) { return ok ? key.id : next(); });
    }
    return next();
  }

  // The verdict on a scanned code: {status, engine, claim?, key_id?}.
  function check(text) {
    var code = normalise(text);
    var prefix = code.slice(0, 2);
    var format = FORMATS[prefix];
    if (!format) { return Promise.resolve({ status: "not_a_certificate" }); }
    var parsed;
    try { parsed = parse(code, format, prefix); } catch (e) {
      if (e.unreadable) { return Promise.resolve({ status: "unreadable" }); }
      throw e;
    }
    var keys = DATA.keys;
    if (parsed.keyId !== null) {
      keys = keys.filter(function (k) { return k.id === parsed.keyId; });
      if (!keys.length) { return Promise.resolve({ status: "unknown_key", key_id: parsed.keyId }); }
    }
    return engine().then(function (name) {
      return verifyWith(name, keys, parsed).then(function (keyId) {
        if (keyId === null) { return { status: "forged", engine: name }; }
        var revoked = DATA.revoked.indexOf(parsed.claim.serial) >= 0;
        return { status: revoked ? "revoked" : "genuine", engine: name,
                 claim: parsed.claim, key_id: keyId };
      });
    });
  }

  // --- what the page shows ---------------------------------------------------

  var WORDS = {
    genuine: ["真实有效", "Genuine",
      "此证书由本校签发，内容未被改动。请核对纸质证书上的姓名与下方一致。",
      "This school issued this certificate and it has not been altered. Check that the name on the paper matches the one below."],
    revoked: ["已撤销", "Revoked",
      "此证书曾由本校签发，但已被撤销，不再有效。",
      "This school issued this certificate but has revoked it: it is no longer valid."],
    forged: ["不是真实证书", "Not genuine",
      "签名不符：此证书码不是本校签发的，或已被改动。",
      "The signature does not match: this school did not issue this code, or it was altered."],
    unknown_key: ["无法验证：未知的签名密钥", "Signed by a key this page does not know",
      "此证书码所用的签名密钥不在本页的名单中。本页可能已过时，请向学校查询。",
      "The code names a signing key this page does not hold. The page may be out of date: ask the school."],
    unreadable: ["证书码不完整", "Not a readable certificate code",
      "此码像证书码，但残缺或有误。请重新扫描证书上的二维码。",
      "This looks like a certificate code but is cut short or garbled. Scan the QR code on the certificate again."],
    not_a_certificate: ["不是证书码", "Not a certificate code",
      "此码不是本校证书的验证码。",
      "This is not a certificate's verification code."],
    empty: ["请扫描证书上的二维码", "Scan the QR code on a certificate",
      "用手机扫描证书上的二维码，即可在此验证。",
      "Scan the QR code printed on a certificate with your phone to check it here."]
  };

  var FIELDS = [
    ["learner_name", "姓名", "Name"],
    ["course_title", "课程", "Course"],
    ["issued_on", "发证日期", "Date of issue"],
    ["serial", "证书编号", "Serial"]
  ];

  function el(tag, content, className) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  function show(result) {
    var words = WORDS[result.status];
    var verdict = document.getElementById("verdict");
    document.getElementById("headline").textContent = words[0];
    document.getElementById("headline-en").textContent = words[1];
    var detail = document.getElementById("detail");
    detail.textContent = "";
    var p = el("p", words[2]);
    p.appendChild(document.createElement("br"));
    p.appendChild(el("span", words[3], "en"));
    detail.appendChild(p);
    if (result.status === "revoked") {
      var when = el("p", "依据 " + DATA.revocations_as_of + " 的撤销名单。");
      when.appendChild(document.createElement("br"));
      when.appendChild(el("span", "According to the revocation list of " + DATA.revocations_as_of + ".", "en"));
      detail.appendChild(when);
    }
    if (result.claim) {
      var list = el("dl");
      FIELDS.forEach(function (f) {
        var term = el("dt", f[1]);
        term.appendChild(el("span", f[2], "en"));
        list.appendChild(term);
        var value = el("dd", result.claim[f[0]]);
        value.setAttribute("data-field", f[0]);
        list.appendChild(value);
      });
      detail.appendChild(list);
      var note = el("p", "学习期间与学时以纸质证书为准（证书码不含此两项）。");
      note.appendChild(document.createElement("br"));
      note.appendChild(el("span", "The study period and hours are on the paper certificate; the code does not carry them.", "en"));
      note.className = "en";
      detail.appendChild(note);
    }
    document.getElementById("engine").textContent = result.engine
      ? "Ed25519 · " + (result.engine === "webcrypto" ? "WebCrypto" : "TweetNaCl") : "";
    verdict.setAttribute("data-engine", result.engine || "");
    verdict.setAttribute("data-status", result.status);
  }

  function describeSchool() {
    var school = DATA.school || {};
    document.getElementById("school").textContent = (school.name || "") + " 证书验证";
    document.getElementById("school-en").textContent = (school.name_en ? school.name_en + " · " : "") + "Certificate check";
    var speaks = document.getElementById("speaks-for");
    speaks.textContent = "本页只验证 " + (school.name || "") + " 签发的证书。";
    speaks.appendChild(document.createElement("br"));
    speaks.appendChild(el("span", "This page checks certificates issued by " + (school.name_en || school.name || "") + " only.", "en"));
    var fresh = document.getElementById("freshness");
    fresh.textContent = "撤销名单更新于 " + DATA.revocations_as_of;
    fresh.appendChild(document.createElement("br"));
    fresh.appendChild(el("span", "Revocation list updated " + DATA.revocations_as_of, "en"));
  }

  function run() {
    var fragment = location.hash.slice(1);
    try { fragment = decodeURIComponent(fragment); } catch (e) { /* keep it as typed */ }
    if (!normalise(fragment)) { show({ status: "empty" }); return; }
    check(fragment).then(show, function () { show({ status: "unreadable" }); });
  }

  window.FrontDeskVerifier = { check: check, normalise: normalise, engine: engine };
  describeSchool();
  window.addEventListener("hashchange", run);
  run();
}());
