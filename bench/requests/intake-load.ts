// The load generator of the intake benchmark, run as its own process: autocannon POSTs Open311
// form bodies (a different place and text each time) and prints its summary as JSON.
import autocannon from 'autocannon';

const [url, apiKey, seconds = '15', connections = '32'] = process.argv.slice(2);
const texts = ['路边流动摊贩占道经营', '夜间施工噪音扰民', '垃圾桶满溢无人清运', '小区停车难乱停车', '路灯不亮夜间出行不便'];
let n = 0;
const body = () => {
  n += 1;
  return new URLSearchParams({
    api_key: apiKey!, service_code: ['CSGL-ZDJY', 'CSGL-ZYRM', 'CSGL-HJWS', 'CSGL-TCGL', 'SZSS-LD'][n % 5]!,
    lat: (39.9 + (n % 2000) * 0.0001).toFixed(6), long: (116.2 + (n % 1999) * 0.0001).toFixed(6),
    description: `${texts[n % texts.length]}（压测 ${n}）`, address_string: `海淀区压测路${n % 500}号`, phone: '13800000000',
  }).toString();
};

const result = await autocannon({
  url: url!, method: 'POST', connections: Number(connections), duration: Number(seconds),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
});
console.log(JSON.stringify({ rps: result.requests.average, p99: result.latency.p99, p50: result.latency.p50, total: result.requests.total, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts }));
