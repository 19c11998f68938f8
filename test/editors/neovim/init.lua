-- Neovim (0.7+) as an LSP client of go-dockerfile, driven headless by neovim.test.ts:
--   GD_SERVER=dist/server.js GD_FILE=/path/Dockerfile GD_OUT=/path/out.json \
--     nvim --headless --clean -c 'luafile test/editors/neovim/init.lua'
-- It starts the server for filetype dockerfile (vim.lsp.start_client + buf_attach_client: Neovim
-- 0.7 has no vim.lsp.start), opens GD_FILE, waits for the pushed diagnostics (0.7 has no pull
-- diagnostics), asks for code actions on the GD004 line through vim.lsp.buf.code_action (its
-- vim.ui.select picks the module-download fix), waits for the next publication, changes the
-- settings with workspace/didChangeConfiguration, runs the goDockerfile.fixAll and
-- goDockerfile.generate commands (the server edits through workspace/applyEdit), and writes what
-- it saw to GD_OUT as JSON.
local server = assert(os.getenv('GD_SERVER'), 'GD_SERVER is not set')
local file = assert(os.getenv('GD_FILE'), 'GD_FILE is not set')
local out_path = assert(os.getenv('GD_OUT'), 'GD_OUT is not set')
local timeout = tonumber(os.getenv('GD_TIMEOUT_MS') or '15000')
local FIX_TITLE = 'Copy go.mod and go.sum and download modules first'

local out = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch), steps = {} }
local publications = {}

local function write_out()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
end

local function step(name)
  table.insert(out.steps, name)
end

-- Records every publication (version and codes) before Neovim's own handler stores it.
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  local codes = {}
  for _, d in ipairs(result.diagnostics) do
    table.insert(codes, { code = d.code, line = d.range.start.line, severity = d.severity, source = d.source })
  end
  table.insert(publications, { uri = result.uri, version = result.version, diagnostics = codes })
  return default_publish(err, result, ctx, config)
end

local function codes_of(publication)
  local list = {}
  for _, d in ipairs(publication.diagnostics) do table.insert(list, d.code) end
  table.sort(list)
  return list
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
end

--- Waits for a publication of the buffer's current LSP version with a count > `after`.
local function wait_publication(bufnr, after, what)
  local uri = vim.uri_from_bufnr(bufnr)
  local found
  local ok = vim.wait(timeout, function()
    for i = after + 1, #publications do
      local p = publications[i]
      if p.uri == uri and p.version == vim.lsp.util.buf_versions[bufnr] then
        found = p
        return true
      end
    end
    return false
  end, 20)
  if not ok then error('timed out waiting for ' .. what .. ' (' .. #publications .. ' publications)') end
  return found
end

local client_id
local settings = { goDockerfile = { rules = { GD022 = 'off' } } }

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'dockerfile',
  callback = function(args)
    if not client_id then
      client_id = vim.lsp.start_client({
        name = 'go-dockerfile',
        cmd = { 'node', server, '--stdio' },
        root_dir = vim.fn.fnamemodify(file, ':p:h'),
        init_options = settings,
        settings = settings,
      })
    end
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[bufnr].filetype
  if not client_id then error('no client started for filetype ' .. out.filetype) end
  step('opened')

  -- 1. Diagnostics, pushed for the opened version.
  local first = wait_publication(bufnr, 0, 'the first publication')
  out.diagnostics = first.diagnostics
  out.codes = codes_of(first)
  local client = vim.lsp.get_client_by_id(client_id)
  out.server = client.server_capabilities.diagnosticProvider == nil and 'push' or 'pull'
  step('diagnostics')

  -- 2. Code actions on the GD004 line, through Neovim's own code action flow.
  local line
  for _, d in ipairs(first.diagnostics) do
    if d.code == 'GD004' then line = d.line end
  end
  if line == nil then error('no GD004 diagnostic') end
  vim.api.nvim_win_set_cursor(0, { line + 1, 0 })
  local offered
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    local chosen
    for _, tuple in ipairs(items) do
      local action = tuple[2]
      table.insert(offered, action.title)
      if action.title == FIX_TITLE then chosen = tuple end
    end
    on_choice(chosen)
  end
  local before = #publications
  local text_before = buffer_text(bufnr)
  vim.lsp.buf.code_action()
  if not vim.wait(timeout, function() return offered ~= nil end, 20) then error('timed out waiting for code actions') end
  out.actions = offered
  if not vim.wait(timeout, function() return buffer_text(bufnr) ~= text_before end, 20) then error('the fix did not change the buffer') end
  out.applied = FIX_TITLE
  out.text = buffer_text(bufnr)
  out.codesAfterFix = codes_of(wait_publication(bufnr, before, 'the publication after the fix'))
  step('fixed')

  -- 3. Settings pushed with didChangeConfiguration (Neovim 0.7 announces no workspace/configuration).
  before = #publications
  client.notify('workspace/didChangeConfiguration', { settings = { goDockerfile = { rules = { GD022 = 'off', GD025 = 'off' }, fix = { unsafe = true } } } })
  out.codesAfterSettings = codes_of(wait_publication(bufnr, before, 'the publication after the settings change'))
  step('settings')

  -- 4. A server command that edits through workspace/applyEdit.
  before = #publications
  text_before = buffer_text(bufnr)
  local reply = client.request_sync('workspace/executeCommand', { command = 'goDockerfile.fixAll', arguments = { vim.uri_from_bufnr(bufnr) } }, timeout, bufnr)
  if not reply or reply.err then error('goDockerfile.fixAll failed: ' .. vim.inspect(reply)) end
  out.fixAll = reply.result
  if not vim.wait(timeout, function() return buffer_text(bufnr) ~= text_before end, 20) then error('fix all did not change the buffer') end
  out.textAfterFixAll = buffer_text(bufnr)
  out.codesAfterFixAll = codes_of(wait_publication(bufnr, before, 'the publication after fix all'))
  step('fixAll')

  -- 5. goDockerfile.generate next to the existing Dockerfile: CreateFile + insert through applyEdit.
  local folder = vim.fn.fnamemodify(file, ':p:h')
  reply = client.request_sync('workspace/executeCommand', { command = 'goDockerfile.generate', arguments = { { folderUri = vim.uri_from_fname(folder), target = 'Dockerfile.generated' } } }, timeout, bufnr)
  if not reply or reply.err or type(reply.result) ~= 'table' then error('goDockerfile.generate failed: ' .. vim.inspect(reply)) end
  out.generate = { kind = reply.result.kind, uri = reply.result.uri, dockerignoreUri = reply.result.dockerignoreUri }
  if reply.result.kind == 'applied' then
    out.generated = buffer_text(vim.uri_to_bufnr(reply.result.uri))
    out.generatedDockerignore = buffer_text(vim.uri_to_bufnr(reply.result.dockerignoreUri))
  end
  step('generate')
end

local ok, err = pcall(run)
if not ok then out.error = tostring(err) end
out.publications = #publications
write_out()
if client_id then
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end
vim.cmd(ok and 'qa!' or 'cquit 1')
