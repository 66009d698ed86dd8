/* The check-in screen (events/admin/checkin.html). Without this script, or without a camera,
   the page works by typing: search, then press the button.

   - Announces the outcome of the last action: the status region is filled again once the page
     has loaded, so that screen readers read it.
   - Selects the search text, so that the next code or name typed replaces it.
   - "Scan a badge": reads the QR code of a badge with the camera, through the browser's own
     BarcodeDetector or, where it has none, the vendored polyfill (static/vendor/barcode-detector),
     then searches for the code read. After the person is checked in, the camera starts again
     for the next badge, until "Stop the camera". */
(function () {
    "use strict";
    var root = document.querySelector("[data-checkin]");
    if (!root) {
        return;
    }
    var status = document.getElementById("checkin-status");
    var input = document.getElementById("checkin-q");
    var form = document.getElementById("checkin-search");
    var scanButton = document.getElementById("checkin-scan");
    var camera = document.getElementById("checkin-camera");
    var video = document.getElementById("checkin-video");
    var stopButton = document.getElementById("checkin-stop");

    function announce(text) {
        status.textContent = "";
        window.setTimeout(function () {
            status.textContent = text;
        }, 150);
    }

    if (status.dataset.message) {
        announce(status.dataset.message);
    }
    if (document.activeElement === input) {
        input.select();
    }

    if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        return; // typing only
    }

    var stream = null;
    var timer = null;

    function loadPolyfill() {
        return new Promise(function (resolve, reject) {
            var script = document.createElement("script");
            script.src = root.dataset.polyfill;
            script.onload = function () {
                var wasm = root.dataset.wasm;
                window.BarcodeDetectionAPI.setZXingModuleOverrides({
                    locateFile: function (path, prefix) {
                        return path.endsWith(".wasm") ? wasm : prefix + path;
                    },
                });
                resolve();
            };
            script.onerror = reject;
            document.head.appendChild(script);
        });
    }

    function detector() {
        var ready = "BarcodeDetector" in window ? Promise.resolve() : loadPolyfill();
        return ready.then(function () {
            return new window.BarcodeDetector({ formats: ["qr_code"] });
        });
    }

    // Each start of the camera, counted: a start still opening the camera when "Stop the
    // camera" is pressed (or a badge is read) then leaves the focus and the camera alone.
    var attempts = 0;

    function stop() {
        attempts += 1;
        if (timer) {
            window.clearTimeout(timer);
            timer = null;
        }
        if (stream) {
            stream.getTracks().forEach(function (track) {
                track.stop();
            });
            stream = null;
        }
        video.srcObject = null;
        camera.hidden = true;
        scanButton.hidden = false;
    }

    // While scanning, the code last read: after a check-in the camera starts again, and the
    // badge just read, still in front of it, is not read a second time.
    var SCANNING = "quorum-checkin-scanning";
    var ignored = "";

    function remember(code) {
        try {
            if (code) {
                window.sessionStorage.setItem(SCANNING, code);
            } else {
                window.sessionStorage.removeItem(SCANNING);
            }
        } catch (error) {
            // Storage refused (private mode): the camera just does not start again by itself.
        }
    }

    function scanningBefore() {
        try {
            return window.sessionStorage.getItem(SCANNING) || "";
        } catch (error) {
            return "";
        }
    }

    var fromScan = false;

    function found(code) {
        stop();
        fromScan = true;
        remember(code);
        input.value = code.trim();
        announce(root.dataset.scanned);
        if (form.requestSubmit) {
            form.requestSubmit();
        } else {
            form.submit();
        }
    }

    function scan(barcodeDetector) {
        if (!stream) {
            return;
        }
        barcodeDetector
            .detect(video)
            .then(function (codes) {
                var code = codes.length ? codes[0].rawValue : "";
                if (code && code !== ignored) {
                    found(code);
                } else {
                    timer = window.setTimeout(scan, 200, barcodeDetector);
                }
            })
            .catch(function () {
                timer = window.setTimeout(scan, 400, barcodeDetector);
            });
    }

    function start() {
        var barcodeDetector = null;
        attempts += 1;
        var attempt = attempts;
        scanButton.hidden = true;
        camera.hidden = false;
        detector()
            .then(function (result) {
                barcodeDetector = result;
                return navigator.mediaDevices.getUserMedia({
                    video: { facingMode: "environment" },
                    audio: false,
                });
            })
            .then(function (result) {
                if (attempt !== attempts) {
                    result.getTracks().forEach(function (track) {
                        track.stop();
                    });
                    return Promise.reject("stopped");
                }
                stream = result;
                video.srcObject = stream;
                return video.play();
            })
            .then(function () {
                if (attempt !== attempts) {
                    return;
                }
                stopButton.focus();
                scan(barcodeDetector);
            })
            .catch(function () {
                if (attempt !== attempts) {
                    return;
                }
                stop();
                remember("");
                announce(root.dataset.scanError);
                input.focus();
            });
    }

    scanButton.hidden = false;
    scanButton.addEventListener("click", function () {
        ignored = "";
        start();
    });
    stopButton.addEventListener("click", function () {
        stop();
        remember("");
        scanButton.focus();
    });
    form.addEventListener("submit", function () {
        if (!fromScan) {
            remember(""); // typing again: the camera waits to be asked for
        }
    });
    window.addEventListener("pagehide", stop);
    // Just after a check-in made from a scanned badge: ready for the next one.
    if (scanningBefore() && status.dataset.message) {
        ignored = scanningBefore();
        start();
    }
})();
