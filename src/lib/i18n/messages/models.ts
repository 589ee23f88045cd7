/** The model manager: catalog, downloads, custom models, GPU status. */
import type { Catalog } from '../translate';

export const en = {
  'models.title': 'Models',
  'models.close': 'Close',
  'models.cancel': 'Cancel',
  'models.takeOver': 'Use {name} in this tab',

  // Deleting and removing, after a confirmation.
  'models.confirm.removeLabel': 'Confirm remove',
  'models.confirm.deleteLabel': 'Confirm delete',
  'models.confirm.remove': 'Remove {name} from the list?',
  'models.confirm.removeWithFiles': 'Remove {name} from the list and delete its {size} of files from this device?',
  'models.confirm.delete': 'Delete {name} ({size}) from this device?',
  'models.confirm.shared': 'It shares its files with {models}, which will need downloading again too.',
  'models.listSeparator': ', ',
  'models.remove': 'Remove',
  'models.delete': 'Delete',
  'models.keep': 'Keep',

  // What is on this device, and whether the browser keeps it.
  'models.storage.title': 'On this device',
  'models.storage.modelsUse': 'Models use {size}',
  'models.storage.appStores': 'this app stores {usage}',
  'models.storage.appStoresOf': 'this app stores {usage} of {quota} available',
  'models.storage.mayClear': 'The browser may clear your conversations and downloaded models when space runs low.',
  'models.storage.declined': 'The browser declined to make storage persistent; installing the app or bookmarking it usually changes that.',
  'models.storage.ask': 'Ask to keep them',
  'models.storage.persisted': "Storage is persistent: the browser won't clear your conversations or models on its own.",
  'models.storage.none': 'No models downloaded yet.',

  // The catalog.
  'models.all': 'All models',
  'models.search': 'Search models',
  'models.searchPlaceholder': 'Search models (e.g. qwen 0.5b)',
  'models.onlyUsable': 'Only models this GPU can run',
  'models.listLoading': 'Loading the model list…',
  'models.noMatch': 'No model matches “{query}”.',

  // One model.
  'models.row.contextK': '{k}k context',
  'models.row.context': '{tokens} context',
  'models.row.custom': 'custom',
  'models.row.loaded': 'loaded',
  'models.row.params': '{params} params',
  'models.row.gpuMemory': 'needs ≈{size} GPU memory',
  'models.row.onDevice': 'On this device: {size}',
  'models.row.partly': 'Partly downloaded: {size}',
  'models.row.download': 'download ≈{size}',
  'models.row.needsF16': 'Needs shader-f16, which your GPU lacks.',
  'models.row.useTwin': 'Use the q4f32_1 version',
  'models.row.noTwin': 'No q4f32_1 version is available.',
  'models.row.noWebgpu': 'WebGPU is not available in this browser.',
  'models.row.load': 'Load',
  'models.row.resume': 'Resume',
  'models.row.downloadAndLoad': 'Download & load',
  'models.row.unload': 'Unload',
  'models.row.unloadLabel': 'Unload {name} from the GPU',
  'models.row.deleteLabel': 'Delete {name} from this device',
  'models.row.removeLabel': 'Remove {name}',

  // The GPU.
  'models.gpu.checking': 'Checking your GPU…',
  'models.gpu.unknown': 'Unknown GPU',
  'models.gpu.swiftshader': 'SwiftShader (software renderer, {vendor})',
  'models.gpu.softwareTitle': 'A CPU-emulated GPU: models run, but very slowly',
  'models.gpu.software': 'software, slow',
  'models.gpu.noF16': 'no shader-f16',
  'models.gpu.maxBuffer': 'max buffer {size}',
  'models.gpu.noF16Note': "Your GPU has no 16-bit shaders, so f16 models can't run here. Their q4f32_1 versions work.",
  'models.gpu.none': 'No WebGPU.',

  // Loading a model (lib/inference/load-progress.ts names the phases).
  'models.phase.preparing': 'Preparing',
  'models.phase.downloading': 'Downloading',
  'models.phase.loading': 'Loading to GPU',
  'models.phase.compiling': 'Compiling shaders',
  'models.phase.ready': 'Ready',
  'models.progress.label': '{phase} {name}',
  'models.progress.bytes': '{loaded} of {total}',
  'models.progress.files': '{done} of {total}',
  'models.progress.left': 'about {duration} left',

  // Adding a model by URL: the form.
  'models.add.summary': 'Add a model by URL',
  'models.add.intro':
    'Any model compiled with MLC LLM: the weights (a Hugging Face repository such as {example}) and the model library built for WebGPU ({wasm}).',
  'models.add.weightsUrl': 'Weights URL',
  'models.add.libUrl': 'Model library URL (.wasm)',
  'models.add.name': 'Name',
  'models.add.optional': '(optional)',
  'models.add.checking': 'Checking…',
  'models.add.submit': 'Check and add',
  'models.add.notSaved': '{reason} Nothing was saved.',
  'models.add.added': 'Added {name}. It is in the list below.',
  'models.add.couldNotCheck': 'The model could not be checked: {reason}',
  // Its verdicts (lib/models/custom-model.ts). {what} is a file name or "model library".
  'models.add.enterWeights': 'Enter the web address (http:// or https://) where the model weights are, e.g. a Hugging Face repository.',
  'models.add.enterLib': "Enter the web address (http:// or https://) of the model's compiled library (.wasm).",
  'models.add.nameTooLong': 'Keep the name under {max} characters.',
  'models.add.duplicate': 'This model is already in the list as “{name}”.',
  'models.add.what.file': '{file}',
  'models.add.what.library': 'model library',
  'models.add.blocked':
    "This app's security policy does not allow downloads from {host}, so the {what} can't be fetched. Whoever runs this app can allow that host (PRIVATE_CHAT_MODEL_HOSTS, see the deployment notes), or serve the model from localhost.",
  'models.add.offline': "You are offline, so the {what} at {host} can't be checked. Connect and try again.",
  'models.add.unreachable':
    "Couldn't fetch the {what} from {host}. The server is unreachable or does not allow requests from other sites (CORS); it must send Access-Control-Allow-Origin.",
  'models.add.notFound': 'There is no {what} at {url} (HTTP 404).',
  'models.add.refused': 'Access to the {what} was refused (HTTP {status}): the repository may be private or gated.',
  'models.add.httpStatus': 'The server answered HTTP {status} for the {what} ({url}).',
  'models.add.notMlc': 'These are not MLC weights: {reason}',
  'models.add.notChatConfig':
    'mlc-chat-config.json is not an MLC chat config. Use a model converted with MLC LLM (on Hugging Face, the repositories ending in -MLC).',
  'models.add.noManifest': 'there is no tensor-cache.json or ndarray-cache.json next to mlc-chat-config.json.',
  'models.add.needsF16':
    'This model is quantized as {quantization}, which needs the GPU feature shader-f16, and this GPU does not have it. Use the q4f32_1 build of the same model.',
  'models.add.notWasm': "The model library URL does not point to a WebAssembly file. It should be the model's compiled …-webgpu.wasm.",
  'models.add.notWasmType':
    "The model library URL does not point to a WebAssembly file (the server sent {type}). It should be the model's compiled …-webgpu.wasm.",

  // What is wrong with a model's files (lib/models/model-files.ts, custom-model.ts, the downloader).
  'models.manifest.noRecords': 'The weights manifest has no "records" list: these are not MLC weights.',
  'models.manifest.badRecord': 'Weights manifest record {index} has no valid dataPath/nbytes.',
  'models.manifest.noShards': 'The weights manifest lists no shards.',
  'models.manifest.noTokenizer': 'mlc-chat-config.json names no tokenizer.json or tokenizer.model.',
  'models.manifest.notObject': 'mlc-chat-config.json is not a JSON object.',
  'models.manifest.noTemplate': 'mlc-chat-config.json has no conversation template (conv_template).',
  'models.manifest.notJson': '{file} is not valid JSON.',
} as const satisfies Catalog;
