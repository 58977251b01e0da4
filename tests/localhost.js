// Preloaded into the Comunica server (node -r): every server it opens listens on 127.0.0.1 only.
// comunica-sparql-file-http has no option for the address and listens on all interfaces; the
// tests' rule is that a server they start is reachable from this machine only.
const net = require("net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]))) {
    if (typeof args[1] === "string") args[1] = "127.0.0.1";
    else args.splice(1, 0, "127.0.0.1");
  } else if (args[0] && typeof args[0] === "object" && !(args[0] instanceof net.Server) && "port" in args[0]) {
    args[0] = Object.assign({}, args[0], { host: "127.0.0.1" });
  }
  return listen.apply(this, args);
};
